using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pubky.Protocol.Quotas;

/// <summary>
/// A bandwidth quota as the reference writes it (its <c>default_quotas.rate_read</c>, <c>rate_write</c> and the admin
/// API's <c>UserQuota</c>): <c>&lt;rate&gt;&lt;unit&gt;/&lt;time&gt;</c> with a rate from 1 to 2³²−1, a unit of
/// <c>kb</c>, <c>mb</c> or <c>gb</c> counted in KiB (1, 1024, 1024²) and a time of <c>s</c> or <c>m</c>, e.g.
/// <c>10mb/s</c>. Case is ignored. The reference's request unit <c>r</c> counts requests, not bytes, and is refused.
/// </summary>
public readonly record struct Bandwidth
{
    private const long BytesPerKiB = 1024;

    private Bandwidth(uint rate, long unitKiB, bool perMinute) => (Rate, UnitKiB, PerMinute) = (rate, unitKiB, perMinute);

    public uint Rate { get; }

    /// <summary>KiB in one unit: 1 (kb), 1024 (mb) or 1024² (gb).</summary>
    public long UnitKiB { get; }

    public bool PerMinute { get; }

    public TimeSpan Period => PerMinute ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1);

    /// <summary>Bytes allowed in one <see cref="Period"/>; also the burst the reference allows by default.</summary>
    public long BytesPerPeriod => Rate * UnitKiB * BytesPerKiB;

    public double BytesPerSecond => BytesPerPeriod / Period.TotalSeconds;

    /// <summary>The canonical text, which <see cref="Parse"/> reads back to the same value.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Rate}{UnitKiB switch { 1 => "kb", 1024 => "mb", _ => "gb" }}/{(PerMinute ? "m" : "s")}");

    /// <exception cref="FormatException">The text is not a bandwidth; the message says why.</exception>
    public static Bandwidth Parse(string text) =>
        TryParse(text, out var bandwidth, out var error) ? bandwidth : throw new FormatException(error);

    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and what is expected.</summary>
    public static bool TryParse(string? text, out Bandwidth bandwidth, [NotNullWhen(false)] out string? error)
    {
        bandwidth = default;
        error = Check(text?.Trim().ToLowerInvariant() ?? "", out var rate, out var unitKiB, out var perMinute);
        if (error is not null)
        {
            error = $"'{text}' is not a bandwidth: {error} (expected <rate><kb|mb|gb>/<s|m>, e.g. 10mb/s)";
            return false;
        }
        bandwidth = new Bandwidth(rate, unitKiB, perMinute);
        return true;
    }

    private static string? Check(string text, out uint rate, out long unitKiB, out bool perMinute)
    {
        (rate, unitKiB, perMinute) = (0, 0, false);
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            return "no '/<time>'";
        }
        var time = text[(slash + 1)..];
        if (time is not ("s" or "m"))
        {
            return "the time must be s or m";
        }
        perMinute = time == "m";
        var amount = text[..slash];
        var digits = amount.TakeWhile(char.IsAsciiDigit).Count();
        unitKiB = amount[digits..] switch
        {
            "kb" => 1,
            "mb" => 1024,
            "gb" => 1024 * 1024,
            _ => 0,
        };
        if (unitKiB == 0)
        {
            return amount[digits..] == "r" ? "r counts requests, not bytes" : "the unit must be kb, mb or gb";
        }
        if (!uint.TryParse(amount.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out rate) || rate == 0)
        {
            return $"the rate must be a whole number from 1 to {uint.MaxValue}";
        }
        return null;
    }
}
