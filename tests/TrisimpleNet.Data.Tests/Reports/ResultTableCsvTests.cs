using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Data.Tests.Reports;

public class ResultTableCsvTests
{
    [Fact]
    public void Writes_unscaled_mean_std_and_seed_count_per_column_with_a_mean_row()
    {
        string[][] lines = ResultTableCsv.Format(TwoMethodsTwoCategories.Create())
            .TrimEnd('\n').Split('\n').Select(line => line.Split(',')).ToArray();
        double standardDeviationOfTwoValuesApartBy1Percent = Math.Sqrt(0.00005);

        Assert.Equal(["Category", "SimpleNet mean", "SimpleNet std", "SimpleNet seeds", "TrisimpleNet mean", "TrisimpleNet std", "TrisimpleNet seeds"], lines[0]);
        AssertRow(lines[1], "bottle", [0.99, standardDeviationOfTwoValuesApartBy1Percent, 2, 0.999, 0, 1]);
        AssertRow(lines[2], "cable", [0.97, standardDeviationOfTwoValuesApartBy1Percent, 2]);
        Assert.Equal(["", "", ""], lines[2][4..]);
        AssertRow(lines[3], "Mean", [0.98, standardDeviationOfTwoValuesApartBy1Percent, 2]);
    }

    [Fact]
    public void Quotes_names_that_contain_commas()
    {
        var table = new ResultTable("Image AUROC");
        table.Add("screw, rotated", "SimpleNet", 0.5);

        Assert.StartsWith("\"screw, rotated\",0.5,0,1", ResultTableCsv.Format(table).Split('\n')[1]);
    }

    private static void AssertRow(string[] fields, string name, double[] numbers)
    {
        Assert.Equal(name, fields[0]);
        for (int i = 0; i < numbers.Length; i++)
        {
            Assert.Equal(numbers[i], double.Parse(fields[i + 1], System.Globalization.CultureInfo.InvariantCulture), 1e-15);
        }
    }
}
