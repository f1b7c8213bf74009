using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Data.Tests.Reports;

/// <summary>A small table shared by the format tests: SimpleNet with two seeds, TrisimpleNet with one seed, one cell missing.</summary>
internal static class TwoMethodsTwoCategories
{
    public static ResultTable Create()
    {
        var table = new ResultTable("Image AUROC");
        table.Add("bottle", "SimpleNet", 0.995);
        table.Add("bottle", "SimpleNet", 0.985);
        table.Add("bottle", "TrisimpleNet", 0.999);
        table.Add("cable", "SimpleNet", 0.975);
        table.Add("cable", "SimpleNet", 0.965);
        return table;
    }
}
