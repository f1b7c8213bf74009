using System.Text.Json;
using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Data.Tests.Reports;

public class ResultTableJsonTests
{
    [Fact]
    public void Keeps_every_seed_value_with_mean_and_std_and_omits_empty_cells()
    {
        using JsonDocument json = JsonDocument.Parse(ResultTableJson.Format(TwoMethodsTwoCategories.Create()));
        JsonElement root = json.RootElement;
        JsonElement rows = root.GetProperty("rows");

        Assert.Equal("Image AUROC", root.GetProperty("title").GetString());
        Assert.True(root.GetProperty("higherIsBetter").GetBoolean());
        Assert.Equal(["bottle", "cable", "Mean"], rows.EnumerateArray().Select(row => row.GetProperty("name").GetString()));
        JsonElement bottleSimpleNet = rows[0].GetProperty("cells").GetProperty("SimpleNet");
        Assert.Equal([0.995, 0.985], bottleSimpleNet.GetProperty("values").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal(0.99, bottleSimpleNet.GetProperty("mean").GetDouble(), 1e-15);
        Assert.False(rows[1].GetProperty("cells").TryGetProperty("TrisimpleNet", out _));
        Assert.Equal(0.98, rows[2].GetProperty("cells").GetProperty("SimpleNet").GetProperty("mean").GetDouble(), 1e-15);
    }
}
