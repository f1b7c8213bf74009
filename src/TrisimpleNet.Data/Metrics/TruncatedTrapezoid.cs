namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// Trapezoidal area under a curve whose points arrive in order of non-decreasing x, up to a cut-off x_max; the segment
/// that crosses x_max is cut where the straight line between its ends reaches x_max, as <c>trapezoid(x, y, x_max)</c>
/// in the MVTec AD evaluation code does.
/// </summary>
internal sealed class TruncatedTrapezoid(double maxX)
{
    private bool hasPoint;
    private double previousX;
    private double previousY;

    public double Area { get; private set; }

    public void Add(double x, double y)
    {
        if (hasPoint && previousX < maxX)
        {
            if (x <= maxX)
            {
                Area += 0.5 * (previousY + y) * (x - previousX);
            }
            else
            {
                double yAtMaxX = previousY + (y - previousY) * (maxX - previousX) / (x - previousX);
                Area += 0.5 * (previousY + yAtMaxX) * (maxX - previousX);
            }
        }

        hasPoint = true;
        previousX = x;
        previousY = y;
    }
}
