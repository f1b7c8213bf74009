using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Data.Tests.Reports;

public class ResultTableMarkdownTests
{
    [Fact]
    public void Shows_percent_mean_plus_minus_std_with_the_best_of_each_row_in_bold_and_a_mean_row()
    {
        string markdown = ResultTableMarkdown.Format(TwoMethodsTwoCategories.Create());

        Assert.Equal(
            """
            ## Image AUROC

            | Category | SimpleNet | TrisimpleNet |
            | --- | ---: | ---: |
            | bottle | 99.0 ± 0.7 | **99.9** |
            | cable | **97.0 ± 0.7** | – |
            | **Mean** | **98.0 ± 0.7** | – |

            """.ReplaceLineEndings("\n"),
            markdown.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void When_lower_is_better_the_lowest_mean_is_bold()
    {
        var table = new ResultTable("Inference time (s)", rowHeader: "Backbone", higherIsBetter: false);
        table.Add("WRN50", "SimpleNet", 0.25);
        table.Add("WRN50", "TrisimpleNet", 0.5);

        string markdown = ResultTableMarkdown.Format(table, new ResultTableFormat(Scale: 1, Decimals: 2));

        Assert.Contains("| WRN50 | **0.25** | 0.50 |", markdown);
    }

    [Fact]
    public void Equal_best_means_are_all_bold()
    {
        var table = new ResultTable("Image AUROC");
        table.Add("bottle", "SimpleNet", 1.0);
        table.Add("bottle", "TrisimpleNet", 1.0);

        Assert.Contains("| bottle | **100.0** | **100.0** |", ResultTableMarkdown.Format(table));
    }
}
