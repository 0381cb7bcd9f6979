namespace PubkyCluster.Hosting.Pkarr;

public sealed class PkarrOptionsValidator : IValidateOptions<PkarrOptions>
{
    public ValidateOptionsResult Validate(string? name, PkarrOptions options)
    {
        var errors = new List<string>();
        if (options.TestnetBootstrapPort is < 0 or > 65535)
        {
            errors.Add($"Pkarr:TestnetBootstrapPort must be a UDP port number or 0, not {options.TestnetBootstrapPort}.");
        }
        if (options.TestnetExtraNodes is < 0 or > 64)
        {
            errors.Add($"Pkarr:TestnetExtraNodes must be between 0 and 64, not {options.TestnetExtraNodes}.");
        }
        if (options.TransactionIdLength is not (2 or 4))
        {
            errors.Add($"Pkarr:TransactionIdLength must be 2 or 4 (bytes), not {options.TransactionIdLength}.");
        }
        foreach (var (key, value) in new[]
        {
            ("RequestTimeout", options.RequestTimeout), ("UserRepublishInterval", options.UserRepublishInterval),
            ("HomeserverRepublishInterval", options.HomeserverRepublishInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Pkarr:{key} must be positive.");
            }
        }
        if (options.UserRepublishDelay < TimeSpan.Zero)
        {
            errors.Add("Pkarr:UserRepublishDelay must not be negative.");
        }
        if (options.MinStoredNodes is < 1)
        {
            errors.Add("Pkarr:MinStoredNodes must be at least 1.");
        }
        errors.AddRange((options.BootstrapNodes ?? []).Where(n => !BootstrapNodes.TryParse(n, out _, out _))
            .Select(n => $"Pkarr:BootstrapNodes entry '{n}' is not host:port."));
        errors.AddRange((options.Relays ?? []).Where(r => !string.IsNullOrWhiteSpace(r) && !IsHttpUrl(r))
            .Select(r => $"Pkarr:Relays entry '{r}' is not an absolute http(s) URL."));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
