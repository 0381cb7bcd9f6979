namespace PubkyCluster.Bench;

/// <summary>Baseline run, then measured run, repeated; the medians over the pairs, so one noisy run moves nothing much.</summary>
public static class Pairs
{
    public static async Task<(double Measured, double Baseline)> AlternateAsync(
        string name, string unit, int pairs, Func<Task<double>> baseline, Func<Task<double>> measured)
    {
        var baselines = new List<double>();
        var measures = new List<double>();
        for (var pair = 1; pair <= pairs; pair++)
        {
            baselines.Add(await baseline());
            measures.Add(await measured());
            Console.Error.WriteLine(FormattableString.Invariant($"[bench] {name} pair {pair}: baseline {baselines[^1]:G6} {unit}, measured {measures[^1]:G6} {unit}"));
        }
        return (Median(measures), Median(baselines));
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new BenchFailure("no samples");
        }
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
