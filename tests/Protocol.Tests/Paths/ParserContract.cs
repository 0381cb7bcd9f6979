namespace Pubky.Protocol.Tests.Paths;

/// <summary>The contract every decoder promises: bad input surfaces as a <see cref="PubkyFormatException"/>, nothing else.</summary>
public static class ParserContract
{
    /// <summary>True when <paramref name="parse"/> succeeds or fails with a <see cref="PubkyFormatException"/> subclass.</summary>
    public static bool FailsOnlyWithFormatException(Action parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (PubkyFormatException)
        {
            return true;
        }
    }
}
