namespace PubkyCluster.Gateway.RateLimiting;

/// <summary>Every configured rule must compile; the first bad value stops the process, naming its key.</summary>
public sealed class RateLimitsOptionsValidator : IValidateOptions<RateLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitsOptions options)
    {
        for (var i = 0; i < options.Rules.Count; i++)
        {
            if (RateLimitRule.TryCreate(options.Rules[i], RateLimitsOptions.RuleKey(i), out var error) is null)
            {
                return ValidateOptionsResult.Fail(error!);
            }
        }
        return ValidateOptionsResult.Success;
    }
}
