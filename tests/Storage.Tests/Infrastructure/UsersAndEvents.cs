using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>The write side and the read side of the event log, which an adapter may implement as one object or two.</summary>
public sealed record UsersAndEvents(IUserStore Users, IEventStore Events);
