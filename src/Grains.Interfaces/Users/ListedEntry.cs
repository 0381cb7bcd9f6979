namespace PubkyCluster.Grains.Users;

/// <summary>One path of a listing page; <see cref="Entry"/> is the file's entry, null for a directory (a path ending in '/').</summary>
[GenerateSerializer, Immutable, Alias("pubky.ListedEntry")]
public sealed record ListedEntry(
    [property: Id(0)] string Path,
    [property: Id(1)] EntryView? Entry);
