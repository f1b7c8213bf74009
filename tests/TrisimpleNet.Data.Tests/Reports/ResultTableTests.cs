using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Data.Tests.Reports;

public class ResultTableTests
{
    [Fact]
    public void A_cell_summarises_its_seeds_with_mean_and_sample_standard_deviation()
    {
        var table = new ResultTable("Image AUROC");
        table.Add("bottle", "SimpleNet", 0.97);
        table.Add("bottle", "SimpleNet", 0.98);
        table.Add("bottle", "SimpleNet", 0.99);

        CellSummary summary = table.Summary("bottle", "SimpleNet")!.Value;

        Assert.Equal(0.98, summary.Mean, 1e-15);
        Assert.Equal(0.01, summary.StandardDeviation, 1e-15);
        Assert.Equal(3, summary.Count);
    }

    [Fact]
    public void The_mean_row_averages_the_rows_seed_by_seed()
    {
        var table = new ResultTable("Image AUROC");
        table.Add("bottle", "SimpleNet", 0.9);
        table.Add("bottle", "SimpleNet", 1.0);
        table.Add("cable", "SimpleNet", 0.7);
        table.Add("cable", "SimpleNet", 0.6);

        Assert.Equal([0.8, 0.8], table.MeanRowValues("SimpleNet"));
    }

    [Fact]
    public void The_mean_row_is_empty_for_a_column_some_row_lacks()
    {
        var table = new ResultTable("Image AUROC");
        table.Add("bottle", "SimpleNet", 0.9);
        table.Add("cable", "TrisimpleNet", 0.7);

        Assert.Empty(table.MeanRowValues("SimpleNet"));
        Assert.Null(table.MeanRowSummary("SimpleNet"));
    }

    [Fact]
    public void Rows_and_columns_keep_the_order_they_first_appear_in()
    {
        var table = new ResultTable("Image AUROC");
        table.Add("zipper", "TrisimpleNet", 0.9);
        table.Add("bottle", "SimpleNet", 0.9);
        table.Add("zipper", "SimpleNet", 0.9);

        Assert.Equal(["zipper", "bottle"], table.Rows);
        Assert.Equal(["TrisimpleNet", "SimpleNet"], table.Columns);
    }

    [Fact]
    public void A_row_named_like_the_mean_row_is_rejected_naming_the_row()
    {
        var error = Assert.Throws<ArgumentException>(() => new ResultTable("Image AUROC").Add(ResultTable.MeanRowName, "SimpleNet", 0.9));

        Assert.Equal("row", error.ParamName);
    }

    [Fact]
    public void A_value_that_is_not_finite_is_rejected_naming_the_value()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ResultTable("Image AUROC").Add("bottle", "SimpleNet", double.NaN));

        Assert.Equal("value", error.ParamName);
    }
}
