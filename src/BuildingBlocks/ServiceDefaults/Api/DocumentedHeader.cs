namespace Brigade.Api;

/// <summary>
/// Endpoint metadata: the endpoint reads request header <see cref="Name"/> and may answer with the problem statuses in
/// <see cref="Answers"/> because of it. The OpenAPI document lists the header and those answers
/// (<c>WithIdempotency</c> and <see cref="Versions.WithIfMatch{TBuilder}"/> add one).
/// </summary>
public sealed record DocumentedHeader(string Name, bool Required, string Description, IReadOnlyList<(int Status, string Meaning)> Answers);
