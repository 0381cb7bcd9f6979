using System.Net;
using Pubky.Client.Errors;
using Pubky.Client.Events;
using Pubky.Client.Pkdns;
using Pubky.Client.Sessions;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Transfer;

/// <summary>
/// Moves a user from one homeserver to another (credible exit): signs up on the target (or in, when a previous run
/// did), copies every file of <c>/pub/</c> and <c>/priv/</c> verifying each by its hash, catches up the writes made on
/// the source meanwhile from its event stream, points the user's PKARR record at the target (keeping its other
/// entries), catches up once more, and deletes the source's files only when asked. The state file makes it resumable.
/// </summary>
public sealed class Migration(PubkyClient from, PubkyClient to, PkdnsClient pkdns, string statePath)
{
    /// <summary>How many catch-up passes one run makes before it gives up on a source that keeps writing.</summary>
    public int CatchUpPasses { get; init; } = 10;

    public string? SignupToken { get; init; }

    public bool DeleteSource { get; init; }

    public IProgress<TransferProgress>? Progress { get; init; }

    public async Task<TransferProgress> RunAsync(Keypair user, CancellationToken cancellation = default)
    {
        var state = await MigrationState.LoadAsync(statePath, cancellation);
        if (state is not null && (state.User != user.PublicKey.Z32 || state.Target != to.Homeserver.Key.Z32))
        {
            throw new InvalidOperationException($"{statePath} belongs to a migration of {state.User} to {state.Target}; give another state file.");
        }
        state ??= new MigrationState { User = user.PublicKey.Z32, Target = to.Homeserver.Key.Z32 };
        var copy = new AccountCopy(await from.SigninAsync(user, cancellation: cancellation), await TargetSession.SignInOrUpAsync(to, user, SignupToken, cancellation), Progress);
        if (state.Completed)
        {
            return copy.Progress;
        }
        if (state.Cursor is null)
        {
            state = state with { Cursor = await SourceEvents.NewestCursorAsync(from, copy, cancellation) };
            await state.SaveAsync(statePath, cancellation);
        }
        if (!state.Switched)
        {
            await copy.CopyEverythingAsync(cancellation);
        }
        state = await CatchUpAsync(copy, state, cancellation);
        if (!state.Switched)
        {
            await pkdns.PublishHomeserverAsync(user, to.Homeserver.Key, cancellation);
            state = state with { Switched = true };
            await state.SaveAsync(statePath, cancellation);
            // Writes that reached the source before clients followed the new record.
            state = await CatchUpAsync(copy, state, cancellation);
        }
        if (DeleteSource && !state.SourceDeleted)
        {
            await DeleteSourceFilesAsync(copy.Source, cancellation);
            state = state with { SourceDeleted = true };
        }
        state = state with { Completed = true };
        await state.SaveAsync(statePath, cancellation);
        return copy.Progress;
    }

    private async Task<MigrationState> CatchUpAsync(AccountCopy copy, MigrationState state, CancellationToken cancellation)
    {
        var current = state;
        await SourceEvents.CatchUpAsync(from, copy, state.Cursor ?? 0, async cursor =>
        {
            current = current with { Cursor = cursor };
            await current.SaveAsync(statePath, cancellation);
        }, CatchUpPasses, cancellation);
        return current;
    }

    private static async Task DeleteSourceFilesAsync(PubkySession source, CancellationToken cancellation)
    {
        foreach (var root in AccountCopy.Roots)
        {
            // Each page is listed again from the start: deleting while paging by cursor would be safe too, but this
            // needs no cursor into a shrinking listing.
            for (var page = 0; page < 1_000_000; page++)
            {
                var urls = await source.Storage.ListAsync(root, new Storage.ListOptions(Limit: 1000), cancellation);
                if (urls.Count == 0)
                {
                    break;
                }
                foreach (var url in urls)
                {
                    try
                    {
                        await source.Storage.DeleteAsync(PubkyUrl.Parse(url).Path, cancellation);
                    }
                    catch (PubkyRequestException e) when (e.Status == HttpStatusCode.NotFound)
                    {
                    }
                }
            }
        }
    }
}
