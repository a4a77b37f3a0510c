using System.Text;
using Google.Protobuf;
using Grpc.Core;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>Calls with hand-made request bytes, for what a generated client cannot send (strings that are not UTF-8).</summary>
public static class RawCalls
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static Method<byte[], byte[]> Method(MethodType type, string service, string name) => new(type, service, name, Bytes, Bytes);

    /// <summary><paramref name="message"/> serialized, with the ASCII <paramref name="marker"/> (a string field's value) overwritten by
    /// <paramref name="invalid"/> padded with 'a' to the marker's length: the same message, but that field is not UTF-8.</summary>
    public static byte[] WithBytes(IMessage message, string marker, byte[] invalid)
    {
        var bytes = message.ToByteArray();
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker));
        Assert.True(at >= 0, $"marker {marker} not in the message");
        invalid.CopyTo(bytes, at);
        bytes.AsSpan(at + invalid.Length, marker.Length - invalid.Length).Fill((byte)'a');
        return bytes;
    }
}
