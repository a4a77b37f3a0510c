using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Hosting.Options;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Hosting.Grpc;

/// <summary>
/// Refuses a unary or server-streaming call whose request holds a string field that is not UTF-8 with
/// INVALID_ARGUMENT naming the field. grpc-dotnet deserializes the request before any interceptor runs and
/// answers the parser's exception with UNKNOWN, so this looks first: it reads the (single, bounded) request
/// message from the body pipe without consuming it, walks it with the method's input descriptor, and lets the
/// endpoint read the same buffered bytes. Compressed, oversized or malformed requests pass untouched: grpc-dotnet
/// answers those itself (decompressing here would double the work for a case no client of ours uses).
/// </summary>
public sealed class Utf8RequestValidation(RequestDelegate next, IOptions<LimitsOptions> limits)
{
    private const int HeaderSize = 5;

    // Per endpoint: the input message to check, or null when the call has nothing to check.
    private readonly ConcurrentDictionary<Endpoint, MessageDescriptor?> _inputs = new();

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var input = endpoint is null ? null : _inputs.GetOrAdd(endpoint, InputToCheck);
        if (input is null || !GrpcErrorResponse.IsGrpc(context.Request))
            return next(context);
        // Usually the whole request has arrived with its headers: checked without waiting.
        var body = context.Request.BodyReader;
        return body.TryRead(out var result) && Examine(body, result, input) is { Done: true } examined
            ? examined.Field is { } field ? GrpcErrorResponse.WriteAsync(context, RpcErrors.NotUtf8(field)) : next(context)
            : CheckThenInvokeAsync(context, body, input);
    }

    private async Task CheckThenInvokeAsync(HttpContext context, PipeReader body, MessageDescriptor input)
    {
        if (await FindNonUtf8Async(body, input, context.RequestAborted) is { } field)
        {
            await GrpcErrorResponse.WriteAsync(context, RpcErrors.NotUtf8(field));
            return;
        }
        await next(context);
    }

    private async Task<string?> FindNonUtf8Async(PipeReader body, MessageDescriptor input, CancellationToken ct)
    {
        while (true)
        {
            if (Examine(body, await body.ReadAsync(ct), input) is { Done: true } examined)
                return examined.Field;
        }
    }

    /// <summary>One read of the body: done (with the non-UTF-8 field, if any) once the request is whole or not ours to check.</summary>
    private (bool Done, string? Field) Examine(PipeReader body, ReadResult result, MessageDescriptor input)
    {
        var buffer = result.Buffer;
        // Examined but not consumed: the endpoint reads it all again from the pipe.
        body.AdvanceTo(buffer.Start, buffer.End);
        if (result.IsCanceled || (buffer.Length >= HeaderSize && !IsPlainWithin(buffer, limits.Value.MaxReceiveMessageBytes)))
            return (true, null);
        return result.IsCompleted ? (true, Check(buffer, input)) : (false, null);
    }

    private static bool IsPlainWithin(ReadOnlySequence<byte> buffer, int limit)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        return header[0] == 0 && BinaryPrimitives.ReadUInt32BigEndian(header[1..]) <= (uint)limit;
    }

    private static string? Check(ReadOnlySequence<byte> buffer, MessageDescriptor input)
    {
        if (buffer.Length < HeaderSize)
            return null;
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        if (buffer.Length != HeaderSize + BinaryPrimitives.ReadUInt32BigEndian(header[1..]))
            return null;
        var message = buffer.Slice(HeaderSize);
        if (message.IsSingleSegment)
            return Utf8FieldScan.FindNonUtf8(message.FirstSpan, input);
        var copy = ArrayPool<byte>.Shared.Rent((int)message.Length);
        try
        {
            message.CopyTo(copy);
            return Utf8FieldScan.FindNonUtf8(copy.AsSpan(0, (int)message.Length), input);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static MessageDescriptor? InputToCheck(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not { } grpc
            || grpc.Method.Type is not (MethodType.Unary or MethodType.ServerStreaming))
            return null;
        var input = ServiceDescriptorOf(grpc.ServiceType)?.FindMethodByName(grpc.Method.Name)?.InputType;
        return input is not null && Utf8FieldScan.HoldsStrings(input) ? input : null;
    }

    // Generated service bases are nested in a static class whose static Descriptor is the service's.
    private static ServiceDescriptor? ServiceDescriptorOf(Type? implementation)
    {
        for (var type = implementation; type is not null; type = type.BaseType)
        {
            if (type.DeclaringType?.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is ServiceDescriptor service)
                return service;
        }
        return null;
    }
}
