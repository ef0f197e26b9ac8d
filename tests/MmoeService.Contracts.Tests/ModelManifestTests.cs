namespace MmoeService.Contracts.Tests;

public sealed class ModelManifestTests
{
    [Fact]
    public void GateWidth_EveryGateOfTheExpertCount_IsTheExpertCount()
    {
        var manifest = Manifest(experts: 4, new TaskHead("ctr", TaskKind.Binary, "ctr", "gates_ctr", "clicked"), new TaskHead("sat", TaskKind.Binary, "sat", "gates_sat", "satisfied"));

        Assert.Equal(4, manifest.GateWidth);
    }

    [Fact]
    public void GateWidth_NoGates_IsZero()
    {
        var manifest = Manifest(experts: 4, new TaskHead("ctr", TaskKind.Binary, "ctr", null, "clicked"));

        Assert.Equal(0, manifest.GateWidth);
    }

    [Fact]
    public void GateWidth_GatesOfDifferentWidths_IsMinusOne()
    {
        // PLE/CGC gates also weigh a task's own experts, so a task's gate can be wider than the shared expert count.
        var manifest = Manifest(experts: 4, new TaskHead("ctr", TaskKind.Binary, "ctr", "gates_ctr", "clicked", GateWidth: 6), new TaskHead("sat", TaskKind.Binary, "sat", "gates_sat", "satisfied"));

        Assert.Equal(-1, manifest.GateWidth);
        Assert.Equal(6, manifest.GateWidthOf(manifest.Tasks[0]));
        Assert.Equal(4, manifest.GateWidthOf(manifest.Tasks[1]));
    }

    private static ModelManifest Manifest(int experts, params TaskHead[] tasks)
    {
        var committed = ModelFiles.ReadManifest(Path.Combine(Infrastructure.RepositoryPaths.CommittedModels, "mmoe", "1", ModelFiles.Manifest));
        return committed with { Tasks = tasks, HyperParameters = committed.HyperParameters with { Experts = experts } };
    }
}
