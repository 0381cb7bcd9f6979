using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PubkyCluster.Hosting.Settings;

/// <summary>
/// The one way options are registered: a configuration section is bound once, its validator runs at start (a bad value
/// stops the process with a message naming the key), and composition-time decisions read the same validated values.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <paramref name="section"/> to <typeparamref name="TOptions"/> with <paramref name="validator"/> (once, however
    /// often it is called) and returns the values, validated now, for choices made while composing the host.
    /// </summary>
    /// <exception cref="OptionsValidationException">The section holds a bad value; the message names the key.</exception>
    public static TOptions AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration configuration, string section, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        var bound = configuration.GetSection(section);
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<TOptions>) && d.ImplementationInstance?.GetType() == validator.GetType()))
        {
            services.AddOptions<TOptions>().Bind(bound).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton(validator));
            services.AddBoundSection<TOptions>(section);
        }
        var values = bound.Get<TOptions>() ?? new TOptions();
        var result = validator.Validate(Options.DefaultName, values);
        return result.Failed
            ? throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures)
            : values;
    }

    /// <summary>
    /// Records that <paramref name="section"/> is bound to <typeparamref name="TOptions"/> in this process, so that the
    /// settings a deployment may give (deploy/k8s, checked by tests/Deploy.Tests) are read from the composition itself.
    /// </summary>
    public static void AddBoundSection<TOptions>(this IServiceCollection services, string section) =>
        services.AddSingleton(new BoundSection(section, typeof(TOptions)));
}

/// <summary>A configuration section and the options class it is bound to.</summary>
public sealed record BoundSection(string Path, Type OptionsType);
