namespace MmoeService.Contracts.Tests;

public sealed class ReservedNamesTests
{
    [Theory]
    [InlineData("score")]
    [InlineData("Score")]
    [InlineData("itemId")]
    [InlineData("ITEMID")]
    [InlineData("gates")]
    public void IsReservedTask_ScoredItemField_IsReserved(string name) => Assert.True(ReservedNames.IsReservedTask(name));

    [Theory]
    [InlineData("ctr")]
    [InlineData("scores")]
    [InlineData("gates_ctr")]
    public void IsReservedTask_OtherName_IsFree(string name) => Assert.False(ReservedNames.IsReservedTask(name));
}
