using TrisimpleNet.Data.Metrics;

namespace TrisimpleNet.Data.Tests.Metrics;

public class ConnectedComponentsTests
{
    [Fact]
    public void Pixels_touching_at_a_corner_form_one_region()
    {
        bool[] mask =
        [
            true, false, false,
            false, true, false,
            false, false, true,
        ];
        var labels = new int[mask.Length];

        List<int> areas = ConnectedComponents.Label(mask, 3, labels);

        Assert.Equal([3], areas);
        Assert.Equal([1, 0, 0, 0, 1, 0, 0, 0, 1], labels);
    }

    [Fact]
    public void Regions_are_numbered_in_row_major_order_of_their_first_pixel_with_their_areas()
    {
        bool[] mask =
        [
            true, true, false, false,
            false, false, false, true,
            true, false, false, true,
        ];
        var labels = new int[mask.Length];

        List<int> areas = ConnectedComponents.Label(mask, 4, labels);

        Assert.Equal([2, 2, 1], areas);
        Assert.Equal([1, 1, 0, 0, 0, 0, 0, 2, 3, 0, 0, 2], labels);
    }
}
