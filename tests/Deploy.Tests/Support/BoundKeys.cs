using System.Collections;
using Microsoft.Extensions.Logging.Console;
using PubkyCluster.Hosting.Settings;

namespace PubkyCluster.Deploy.Tests.Support;

/// <summary>
/// Whether a configuration key is one a process reads: a settable property (at any depth, list items by index) of an
/// options class its composition bound to a section, or a setting of the logging framework's console logger.
/// </summary>
public static class BoundKeys
{
    private const string ConsoleLogging = "Logging:Console";

    public static bool IsBound(IEnumerable<BoundSection> sections, string key) =>
        sections.Any(section => Matches(section.OptionsType, section.Path, key))
        || Matches(typeof(ConsoleLoggerOptions), ConsoleLogging, key)
        || key.StartsWith("Logging:LogLevel:", StringComparison.OrdinalIgnoreCase);

    private static bool Matches(Type type, string prefix, string key)
    {
        if (!key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var rest = key[(prefix.Length + 1)..];
        var name = rest.Split(':')[0];
        var property = type.GetProperties().FirstOrDefault(p => p.CanWrite && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            return false;
        }
        var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (rest == name)
        {
            return IsScalar(propertyType);
        }
        if (propertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(propertyType))
        {
            return rest.Split(':') is [_, var index] && int.TryParse(index, out _);
        }
        return !IsScalar(propertyType) && Matches(propertyType, prefix + ":" + name, key);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);
}
