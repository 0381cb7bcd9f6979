using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Tests.Contracts;

/// <summary>Blob ids as both adapters receive them: valid file and blob names that name the user they were made for.</summary>
public sealed class BlobIdsTests
{
    /// <summary>The z32 key of the secret of 32 zero bytes (the testnet homeserver's).</summary>
    private const string Z32Key = "8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo";

    [Fact]
    public void A_new_id_for_a_z32_key_is_valid_and_names_that_key_as_its_owner()
    {
        var id = BlobIds.New(Z32Key);

        Assert.True(BlobIds.IsValid(id));
        Assert.Equal(Z32Key, BlobIds.OwnerOf(id));
        Assert.NotEqual(id, BlobIds.New(Z32Key));
    }

    [Fact]
    public void The_longest_owner_still_makes_a_valid_id()
    {
        var owner = new string('k', BlobIds.MaxOwnerLength);

        var id = BlobIds.New(owner);

        Assert.Equal(BlobIds.MaxLength, id.Length);
        Assert.Equal(owner, BlobIds.OwnerOf(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has_underscore")]
    [InlineData("has/slash")]
    [InlineData("has.dot")]
    public void An_owner_an_id_cannot_name_is_refused(string owner) =>
        Assert.Throws<ArgumentException>(() => BlobIds.New(owner));

    [Fact]
    public void An_owner_longer_than_the_limit_is_refused() =>
        Assert.Throws<ArgumentException>(() => BlobIds.New(new string('k', BlobIds.MaxOwnerLength + 1)));

    [Theory]
    [InlineData("Ab3_xyzAAAAAAAAAAAAAAA")]
    [InlineData("0123456789abcdefABCDEF")]
    [InlineData("referenced")]
    [InlineData("0123456789abcdefABCDEF_")]
    [InlineData("0123456789abcdefABCDEFxowner")]
    [InlineData("0123456789abcdefABCDEF_own_er")]
    public void Ids_not_made_for_an_owner_name_none(string id) => Assert.Null(BlobIds.OwnerOf(id));
}
