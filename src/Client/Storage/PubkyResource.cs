namespace Pubky.Client.Storage;

/// <summary>A file as GET returns it: the body and the headers the homeserver keeps with it (spec A5, GET file).</summary>
public sealed record PubkyResource(byte[] Body, ResourceStats Stats);
