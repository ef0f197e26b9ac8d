using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

public sealed class TableWriterTests
{
    [Fact]
    public void MarkdownTable_Rows_FormsGithubTableWithEscapedPipes()
    {
        var table = new MarkdownTable("Model", "AUC").Add("MMoE", "0.9410").Add("a|b", MarkdownTable.Number(double.NaN));

        Assert.Equal("| Model | AUC |\n| --- | ---: |\n| MMoE | 0.9410 |\n| a\\|b | n/a |\n", table.ToString());
    }

    [Fact]
    public void MarkdownTable_WrongCellCount_Throws() =>
        Assert.Throws<ArgumentException>(() => new MarkdownTable("a", "b").Add("only one"));

    [Fact]
    public void MarkdownTable_Number_RoundsInvariant() => Assert.Equal("0.94", MarkdownTable.Number(0.93951, 2));

    [Fact]
    public void CsvTable_TextAndNumbers_QuotesCommasAndKeepsRoundTripDoubles()
    {
        var csv = new CsvTable("name", "value").Add("bottom 64, towers 8", 0.1).Add("say \"hi\"", 3);

        Assert.Equal("name,value\n\"bottom 64, towers 8\",0.1\n\"say \"\"hi\"\"\",3\n", csv.ToString());
    }

    [Fact]
    public void CsvTable_NotComputable_IsAnEmptyCellNeverNaN()
    {
        var csv = new CsvTable("auc", "r2").Add(double.NaN, float.PositiveInfinity);

        Assert.Equal("auc,r2\n,\n", csv.ToString());
    }
}
