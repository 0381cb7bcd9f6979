using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Pubky.Pkarr.Bencode;

/// <summary>
/// A bencoded dictionary. Keys are raw byte strings kept in canonical (raw byte) order, so encoding needs no sorting step
/// and unknown keys from other implementations survive a decode/encode pass. Values are <c>byte[]</c>, <c>long</c>,
/// <see cref="IReadOnlyList{T}"/> of values, or another <see cref="BencodeDictionary"/>.
/// </summary>
public sealed class BencodeDictionary : IEnumerable<KeyValuePair<byte[], object>>
{
    private readonly SortedDictionary<byte[], object> _entries = new(ByteStringComparer.Instance);

    public int Count => _entries.Count;

    /// <summary>Adds a value under an ASCII/UTF-8 key; enables collection initialisers for KRPC messages.</summary>
    public void Add(string key, object value) => Add(Key(key), value);

    public void Add(byte[] key, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _entries.Add(key, value);
    }

    /// <summary>Adds unless the key is already present; the decoder uses it to refuse duplicate keys.</summary>
    public bool TryAdd(byte[] key, object value) => _entries.TryAdd(key, value);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) =>
        _entries.TryGetValue(Key(key), out value);

    public bool TryGetBytes(string key, [MaybeNullWhen(false)] out byte[] value) => TryGet(key, out value);

    public bool TryGetInteger(string key, out long value)
    {
        var found = TryGet<long>(key, out var integer);
        value = integer;
        return found;
    }

    public bool TryGetList(string key, [MaybeNullWhen(false)] out IReadOnlyList<object> value) => TryGet(key, out value);

    public bool TryGetDictionary(string key, [MaybeNullWhen(false)] out BencodeDictionary value) => TryGet(key, out value);

    public IEnumerator<KeyValuePair<byte[], object>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value)
    {
        if (_entries.TryGetValue(Key(key), out var found) && found is T typed)
        {
            value = typed;
            return true;
        }
        value = default;
        return false;
    }

    private static byte[] Key(string key) => Encoding.UTF8.GetBytes(key);
}
