using System.Text.Json;
using MmoeService.Serving.Scoring;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Unit;

public sealed class FeatureValueJsonConverterTests
{
    [Theory]
    [InlineData("""{"f": 3.5}""", 3.5, null)]
    [InlineData("""{"f": "ios"}""", null, "ios")]
    [InlineData("""{"f": null}""", null, null)]
    public void Read_NumberTextOrNull_BecomesTheFeatureValue(string json, double? number, string? text)
    {
        var value = Parse(json)["f"];

        Assert.Equal(number, value.Number);
        Assert.Equal(text, value.Text);
    }

    [Theory]
    [InlineData("""{"f": true}""", "a boolean")]
    [InlineData("""{"f": {"x": 1}}""", "an object")]
    [InlineData("""{"f": [1, 2]}""", "an array")]
    [InlineData("""{"f": 1e999}""", "finite")]
    public void Read_OtherJson_IsRejectedWithThePath(string json, string reason)
    {
        var error = Assert.Throws<JsonException>(() => Parse(json));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("$.f", error.Path);
    }

    [Fact]
    public void Read_NaNLiteral_IsMalformedJson()
    {
        Assert.ThrowsAny<JsonException>(() => Parse("""{"f": NaN}"""));
    }

    private static Dictionary<string, FeatureValue> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, FeatureValue>>(json, ScoreRequestReader.JsonOptions)!;
}
