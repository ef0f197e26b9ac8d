using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Data;

public sealed class CsvTableReaderTests
{
    private static SpecTable Read(string text, char delimiter = ',') => CsvTableReader.Read(new StringReader(text), "t.csv", delimiter);

    [Fact]
    public void Read_QuotedFields_KeepSeparatorsQuotesAndLineBreaks()
    {
        var table = Read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\", plain \r\n");

        Assert.Equal(["a", "b"], table.Columns);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(("x, y", "say \"hi\""), (table.Rows[0][0].Text, table.Rows[0][1].Text));
        Assert.Equal(("two\nlines", "plain"), (table.Rows[1][0].Text, table.Rows[1][1].Text));
    }

    [Fact]
    public void Read_EmptyCellsAndBlankLines_AreMissingAndSkipped()
    {
        var table = Read("a,b\n1,\n\n,2\n");

        Assert.Equal(2, table.Rows.Count);
        Assert.True(table.Rows[0][1].IsMissing);
        Assert.True(table.Rows[1][0].IsMissing);
    }

    [Fact]
    public void Read_OtherDelimiter_SplitsOnIt()
    {
        var table = Read("a;b\n1,5;2\n", ';');

        Assert.Equal("1,5", table.Rows[0][0].Text);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesTheRow()
    {
        var error = Assert.Throws<DatasetException>(() => Read("a,b\n1,2\n\"open,3\n"));

        Assert.Equal(("t.csv", 2L), (error.File, error.Row));
    }

    [Fact]
    public void Read_DuplicateHeader_NamesTheColumn()
    {
        var error = Assert.Throws<DatasetException>(() => Read("a,b,a\n1,2,3\n"));

        Assert.Equal("a", error.Column);
    }

    [Fact]
    public void DatasetException_Message_StartsWithThePlace()
    {
        var error = new DatasetException("Bad.", "f.csv", 3, "age");

        Assert.Equal("file 'f.csv', row 3, column 'age': Bad.", error.Message);
    }
}
