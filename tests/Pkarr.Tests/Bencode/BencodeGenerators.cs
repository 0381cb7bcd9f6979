using FsCheck;
using FsCheck.Fluent;
using Pubky.Pkarr.Bencode;

namespace Pubky.Pkarr.Tests.Bencode;

/// <summary>Arbitrary bencode values in the decoder's shapes, plus structural equality to compare them.</summary>
public static class BencodeGenerators
{
    public static Arbitrary<object> Values() => Arb.From(Gen.Sized(size => Value(Math.Min(size, 20))));

    public static bool StructurallyEqual(object a, object b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (long x, long y) => x == y,
        (IReadOnlyList<object> x, IReadOnlyList<object> y) => x.Count == y.Count && x.Zip(y).All(p => StructurallyEqual(p.First, p.Second)),
        (BencodeDictionary x, BencodeDictionary y) => x.Count == y.Count && x.Zip(y).All(p =>
            p.First.Key.AsSpan().SequenceEqual(p.Second.Key) && StructurallyEqual(p.First.Value, p.Second.Value)),
        _ => false,
    };

    private static Gen<object> Value(int size)
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Select(a => (object)a);
        var integers = ArbMap.Default.GeneratorFor<long>().Select(l => (object)l);
        if (size <= 0)
        {
            return Gen.OneOf(bytes, integers);
        }
        var child = Value(size / 3);
        var lists = child.ListOf().Select(l => (object)l.ToList());
        var dictionaries = Gen.Zip(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(), child).ListOf().Select(entries =>
        {
            var dictionary = new BencodeDictionary();
            foreach (var (key, value) in entries)
            {
                dictionary.TryAdd(key, value);
            }
            return (object)dictionary;
        });
        return Gen.OneOf(bytes, integers, lists, dictionaries);
    }
}
