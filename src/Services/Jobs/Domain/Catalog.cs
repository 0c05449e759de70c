namespace Brigade.Jobs.Domain;

/// <summary>A stable code with the names people read.</summary>
public sealed record Named(string Code, string Ko, string En);

/// <summary>Position categories of a shift (the codes search and the web app key on).</summary>
public static class Categories
{
    public static readonly IReadOnlyList<Named> All =
    [
        new("serving", "서빙", "Serving"),
        new("kitchen_help", "주방보조", "Kitchen help"),
        new("dishwashing", "설거지", "Dishwashing"),
        new("barista", "바리스타", "Barista"),
        new("cook", "조리", "Cook"),
        new("prep", "재료 손질", "Prep"),
        new("cashier", "카운터", "Cashier"),
        new("cleaning", "매장 청소", "Cleaning"),
    ];

    public static readonly IReadOnlyList<string> Codes = All.Select(c => c.Code).ToList();

    public static Named Of(string code) => All.FirstOrDefault(c => c.Code == code) ?? new Named(code, code, code);
}

/// <summary>
/// What a posting may require of a worker. Each is a credential the worker declares with its expiry date; the
/// restaurant checks the document at the door. A food-handling job in Korea needs a health certificate (보건증,
/// 식품위생법 제40조 건강진단), valid for one year.
/// </summary>
public static class Requirements
{
    public const string HealthCertificate = "health_certificate";

    public static readonly IReadOnlyList<Named> All =
    [
        new(HealthCertificate, "보건증", "Health certificate"),
        new("food_hygiene_training", "위생교육 이수", "Food hygiene training"),
        new("barista_certificate", "바리스타 자격증", "Barista certificate"),
        new("cook_license", "조리기능사", "Cook's licence"),
    ];

    public static readonly IReadOnlyList<string> Codes = All.Select(c => c.Code).ToList();
}

/// <summary>A credential a worker declared: a requirement code and the last day it is valid (none: no expiry).</summary>
public sealed record Credential(string Code, DateOnly? ExpiresOn);

public static class Qualification
{
    /// <summary>The posting's requirements the worker's credentials do not cover on the shift's local date.</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<string> requirements, IReadOnlyList<Credential> credentials, DateOnly shiftDate) =>
        requirements
            .Where(r => !credentials.Any(c => c.Code == r && (c.ExpiresOn is null || c.ExpiresOn >= shiftDate)))
            .ToList();
}
