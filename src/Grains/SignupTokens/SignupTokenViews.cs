using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.SignupTokens;

internal static class SignupTokenViews
{
    public static SignupTokenView ToView(this SignupTokenRecord record) =>
        new(record.Token, record.CreatedAt, record.UsedBy, record.UsedAt);
}
