namespace MmoeService.Trainer.Data;

/// <summary>
/// Bad input data or a bad dataset spec. The message names the file, the 1-based data row (header excluded)
/// and the column whenever they are known, so a user can fix the input without reading code.
/// </summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string message, string? file = null, long? row = null, string? column = null, Exception? innerException = null)
        : base(Compose(message, file, row, column), innerException)
    {
        File = file;
        Row = row;
        Column = column;
    }

    public DatasetException() : this("The data set is invalid.") { }

    public DatasetException(string message) : this(message, null, null, null, null) { }

    public DatasetException(string message, Exception innerException) : this(message, null, null, null, innerException) { }

    /// <summary>The file at fault, as the user named it.</summary>
    public string? File { get; }

    /// <summary>1-based data row (the header is not counted).</summary>
    public long? Row { get; }

    public string? Column { get; }

    private static string Compose(string message, string? file, long? row, string? column)
    {
        var where = new List<string>(3);
        if (file is not null)
        {
            where.Add($"file '{file}'");
        }

        if (row is not null)
        {
            where.Add($"row {row}");
        }

        if (column is not null)
        {
            where.Add($"column '{column}'");
        }

        return where.Count == 0 ? message : $"{string.Join(", ", where)}: {message}";
    }
}
