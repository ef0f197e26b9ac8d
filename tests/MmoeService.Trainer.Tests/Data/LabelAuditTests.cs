using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Tests.Training;

namespace MmoeService.Trainer.Tests.Data;

public sealed class LabelAuditTests
{
    [Fact]
    public void Check_VaryingLabels_Passes() => LabelAudit.Check(TinyDataset.Create(200));

    [Fact]
    public void Check_ReservedTaskFromAnySource_NamesTheTask()
    {
        var data = TinyDataset.Create(200);
        var renamed = data with { Tasks = [data.Tasks[0], data.Tasks[1] with { Task = "Score" }] };

        var error = Assert.Throws<DatasetException>(() => LabelAudit.Check(renamed));

        Assert.Equal("satisfied", error.Column);
        Assert.Contains("'Score' is reserved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ConstantMainLabelInGeneratedValidation_NamesColumnAndSource()
    {
        var data = TinyDataset.Create(200);
        Array.Fill(data.Validation.Labels[0], 1f);

        var error = Assert.Throws<DatasetException>(() => LabelAudit.Check(data));

        Assert.Equal(("clicked", null), (error.Column, error.File));
        Assert.Contains("every validation row (tiny) is 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ConstantRegressionLabelInTest_IsAnError()
    {
        var data = TinyDataset.Create(200, regression: true);
        Array.Fill(data.Test.Labels[1], 2.5f);

        var error = Assert.Throws<DatasetException>(() => LabelAudit.Check(data));

        Assert.Equal("watch time", error.Column);
        Assert.Contains("every test row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scarce_FewPositivesInOneSplit_ReportsTheCount()
    {
        var data = TinyDataset.Create(2000);
        var labels = data.Test.Labels[1];
        Array.Fill(labels, 0f);
        labels[3] = labels[10] = labels[40] = 1f;

        var scarce = LabelAudit.Scarce(data);

        var only = Assert.Single(scarce);
        Assert.Equal((RawDataset.TestSplit, "satisfaction", 3, labels.Length), (only.Split, only.Task, only.Positives, only.Rows));
    }

    [Fact]
    public void Scarce_RegressionTask_IsNeverReported()
    {
        var data = TinyDataset.Create(400, regression: true);

        Assert.DoesNotContain(LabelAudit.Scarce(data), s => s.Task == "watch");
    }

    [Fact]
    public void Scarce_EnoughPositives_ReportsNothing()
    {
        var data = TinyDataset.Create(2000);
        Assert.All(new[] { data.Train, data.Validation, data.Test }, s => Assert.All(s.Labels, l => Assert.True(l.Count(v => v > 0.5f) >= LabelAudit.MinimumPositives)));

        Assert.Empty(LabelAudit.Scarce(data));
    }
}
