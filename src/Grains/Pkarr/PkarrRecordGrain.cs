using Pubky.Pkarr.Packets;
using Pubky.Protocol.Time;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// The newest packet for one key. Persisted so that what the relay acknowledged survives restarts, and so that the
/// republisher can put a packet back unchanged after the DHT dropped it.
/// </summary>
public sealed class PkarrRecordGrain(
    [PersistentState("pkarr", StorageNames.GrainState)] IPersistentState<PkarrRecordState> state,
    TimeProvider clock) : Grain, IPkarrRecordGrain
{
    public async Task<PkarrPutOutcome> Put(byte[] signedPacket, ulong? casTimestamp)
    {
        var incoming = SignedPacket.FromBytes(signedPacket);
        if (state.State.SignedPacket is { } heldBytes)
        {
            var held = SignedPacket.FromBytes(heldBytes);
            if (casTimestamp is { } cas && cas != held.Timestamp)
            {
                return PkarrPutOutcome.CasFailed;
            }
            if (held.MoreRecentThan(incoming))
            {
                return PkarrPutOutcome.NotMostRecent;
            }
        }
        state.State.SignedPacket = signedPacket;
        state.State.LastSeenMicros = UnixMicros.Now(clock);
        await state.WriteStateAsync();
        return PkarrPutOutcome.Stored;
    }

    public Task<StoredPkarrPacket?> Get() =>
        Task.FromResult(state.State.SignedPacket is { } bytes ? new StoredPkarrPacket(bytes, state.State.LastSeenMicros) : null);
}
