using Brigade.Api;
namespace Brigade.Restaurants.Domain;

/// <summary>The body of a create or PATCH of a table, before checking. <paramref name="Area"/> is a name, created on first use.</summary>
public sealed record TableDraft(string? Label, int? MinCapacity, int? MaxCapacity, string? Area, bool? OnlineBookable, int? Priority, bool? Active, int? Version = null);

/// <summary>A checked table: seats <see cref="MinCapacity"/> to <see cref="MaxCapacity"/> guests; higher <see cref="Priority"/> is offered first.</summary>
public sealed record TableSpec(string Label, int MinCapacity, int MaxCapacity, string? Area, bool OnlineBookable, int Priority, bool Active);

/// <summary>Tables that can be pushed together for a larger party, with the group's own capacity.</summary>
public sealed record TableGroupDraft(string? Name, IReadOnlyList<Guid>? TableIds, int? MinCapacity, int? MaxCapacity, bool? Active);

public sealed record TableGroupSpec(string Name, IReadOnlyList<Guid> TableIds, int MinCapacity, int MaxCapacity, bool Active);

public static class FloorRules
{
    public const int MaxCapacity = 100;
    public const int MaxTablesPerGroup = 12;

    public static TableSpec? ForCreate(TableDraft draft, FieldErrors errors)
    {
        var spec = new TableSpec(
            errors.RequiredText("label", draft.Label, 30) ?? "",
            draft.MinCapacity ?? 1,
            draft.MaxCapacity ?? 0,
            errors.OptionalText("area", draft.Area, 60),
            draft.OnlineBookable ?? true,
            draft.Priority ?? 0,
            draft.Active ?? true);
        if (draft.MaxCapacity is null)
        {
            errors.Add("maxCapacity", "maxCapacity is required.", "maxCapacity은(는) 필수입니다.");
        }

        return Check(spec, errors);
    }

    public static TableSpec? Apply(TableSpec current, TableDraft patch, FieldErrors errors)
    {
        var spec = current with
        {
            Label = patch.Label is null ? current.Label : errors.RequiredText("label", patch.Label, 30) ?? current.Label,
            MinCapacity = patch.MinCapacity ?? current.MinCapacity,
            MaxCapacity = patch.MaxCapacity ?? current.MaxCapacity,
            Area = patch.Area is null ? current.Area : errors.OptionalText("area", patch.Area, 60),
            OnlineBookable = patch.OnlineBookable ?? current.OnlineBookable,
            Priority = patch.Priority ?? current.Priority,
            Active = patch.Active ?? current.Active,
        };
        return Check(spec, errors);
    }

    /// <summary>
    /// A group joins 2 to <see cref="MaxTablesPerGroup"/> distinct tables of the restaurant
    /// (<paramref name="tableCapacities"/>: the restaurant's tables and their max capacity) and seats no more
    /// than its tables together do.
    /// </summary>
    public static TableGroupSpec? ForGroup(TableGroupDraft draft, TableGroupSpec? current, IReadOnlyDictionary<Guid, int> tableCapacities, FieldErrors errors)
    {
        var name = draft.Name is null && current is not null ? current.Name : errors.RequiredText("name", draft.Name, 60);
        var tableIds = draft.TableIds ?? current?.TableIds ?? [];
        var min = draft.MinCapacity ?? current?.MinCapacity ?? 1;
        var max = draft.MaxCapacity ?? current?.MaxCapacity;
        if (tableIds.Count < 2 || tableIds.Count > MaxTablesPerGroup)
        {
            errors.Add("tableIds", $"tableIds must list 2 to {MaxTablesPerGroup} tables.", $"tableIds에는 테이블을 2~{MaxTablesPerGroup}개 넣어야 합니다.");
        }
        else if (tableIds.Distinct().Count() != tableIds.Count)
        {
            errors.Add("tableIds", "tableIds must not repeat a table.", "tableIds에 같은 테이블을 두 번 넣을 수 없습니다.");
        }
        else
        {
            for (var i = 0; i < tableIds.Count; i++)
            {
                if (!tableCapacities.ContainsKey(tableIds[i]))
                {
                    errors.Add($"tableIds[{i}]", $"tableIds[{i}] is not a table of this restaurant.", $"tableIds[{i}]은(는) 이 식당의 테이블이 아닙니다.");
                }
            }
        }

        if (max is null)
        {
            errors.Add("maxCapacity", "maxCapacity is required.", "maxCapacity은(는) 필수입니다.");
        }
        else
        {
            CheckCapacity(min, max.Value, errors);
            if (errors.IsEmpty && max > tableIds.Sum(id => tableCapacities[id]))
            {
                errors.Add("maxCapacity", $"maxCapacity must not exceed what the tables seat together ({tableIds.Sum(id => tableCapacities[id])}).", $"maxCapacity은(는) 테이블들의 좌석 합계({tableIds.Sum(id => tableCapacities[id])})를 넘을 수 없습니다.");
            }
        }

        return errors.IsEmpty ? new TableGroupSpec(name!, tableIds, min, max!.Value, draft.Active ?? current?.Active ?? true) : null;
    }

    private static TableSpec? Check(TableSpec spec, FieldErrors errors)
    {
        CheckCapacity(spec.MinCapacity, spec.MaxCapacity, errors);
        if (spec.Priority < 0 || spec.Priority > 100)
        {
            errors.Add("priority", "priority must be between 0 and 100.", "priority는 0에서 100 사이여야 합니다.");
        }

        return errors.IsEmpty ? spec : null;
    }

    private static void CheckCapacity(int min, int max, FieldErrors errors)
    {
        if (min < 1 || min > MaxCapacity)
        {
            errors.Add("minCapacity", $"minCapacity must be between 1 and {MaxCapacity}.", $"minCapacity은(는) 1에서 {MaxCapacity} 사이여야 합니다.");
        }

        if (max < 1 || max > MaxCapacity)
        {
            errors.Add("maxCapacity", $"maxCapacity must be between 1 and {MaxCapacity}.", $"maxCapacity은(는) 1에서 {MaxCapacity} 사이여야 합니다.");
        }
        else if (min > max)
        {
            errors.Add("minCapacity", "minCapacity must not exceed maxCapacity.", "minCapacity은(는) maxCapacity보다 클 수 없습니다.");
        }
    }
}
