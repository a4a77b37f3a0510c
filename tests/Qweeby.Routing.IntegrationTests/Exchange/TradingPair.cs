namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>A supplier and its customer hosted at B, by SIRET, with their entity ids in each access point's directory.</summary>
public sealed record TradingPair(string Sender, string Recipient, Guid SenderAtA, Guid RecipientAtA, Guid SenderAtB, Guid RecipientAtB);
