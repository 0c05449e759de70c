namespace Brigade.Api;

/// <summary>
/// Endpoint metadata: the endpoint takes no bearer token but refuses (401) a request whose signature in header
/// <see cref="Header"/> is missing or wrong — a partner's webhook. The OpenAPI document lists it as security scheme
/// <see cref="Scheme"/> (a key in that header) instead of none, so the document does not call it open to anyone.
/// </summary>
public sealed record SignedRequest(string Scheme, string Header, string Description);
