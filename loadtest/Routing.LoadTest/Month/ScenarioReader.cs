using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Routing.LoadTest.Month;

/// <summary>
/// Reads a month scenario from JSON (a file, or one of the scenarios built into the tool) and validates it; every error
/// names the field. Shares are relative weights (they need not add up to 100). See Scenarios/README.md for the format.
/// </summary>
internal static class ScenarioReader
{
    /// <summary>Scenarios built into the tool, by short name and by file name.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["standard"] = "standard-month.json",
        ["standard-month"] = "standard-month.json",
        ["understaffed-clinicians"] = "understaffed-clinicians.json",
        ["small"] = "small-month.json",
        ["small-month"] = "small-month.json",
    };

    private static readonly string[] RootFields =
    [
        "name", "description", "start", "days", "totalCalls", "weekdayShares", "openHour", "hourlyShares", "mix", "pools",
        "gateways", "drainLimitHours", "timeStepMs",
    ];

    private static readonly string[] KindFields =
    [
        "kind", "share", "reasonCode", "redFlags", "redFlag", "screenCompleted", "seniorShare", "words", "queue", "seniorQueue",
        "handleTime", "patience",
    ];

    private static readonly string[] PoolFields =
        ["queue", "clinical", "agentIdPrefix", "skills", "slaThresholdSeconds", "slaTarget", "wrapUpSeconds", "staffing"];

    private static readonly string[] WeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>A built-in scenario by name (standard, understaffed-clinicians, small), or a JSON file path.</summary>
    public static MonthScenario Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (BuiltIn.TryGetValue(nameOrPath, out var resource))
        {
            return Parse(ReadResource(resource), resource);
        }

        string json;
        try
        {
            json = File.ReadAllText(nameOrPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ScenarioException(
                $"scenario '{nameOrPath}' is neither a built-in scenario ({string.Join(", ", BuiltIn.Keys)}) nor a readable file: {e.Message}", e);
        }

        return Parse(json, Path.GetFileName(nameOrPath));
    }

    public static string ReadResource(string fileName)
    {
        var name = "Routing.LoadTest.Scenarios." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The built-in scenario {fileName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static MonthScenario Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw ScenarioFields.SourceError(source, $"is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }

        using (document)
        {
            var root = ScenarioFields.Read(document.RootElement, string.Empty, source, RootFields);
            var start = ReadStart(root);
            var days = root.Int("days", null, 1, 366);
            var weekdays = ReadWeekdayShares(root);
            if (start is { } s && !AnyOpenDay(weekdays, s, days))
            {
                throw root.Error("weekdayShares", "gives every day of the run zero calls");
            }

            if (weekdays.Values.All(v => v == 0))
            {
                throw root.Error("weekdayShares", "must give some weekday a positive share");
            }

            var openHour = root.Int("openHour", null, 0, MonthScenario.HoursPerDay - 1);
            var hourly = ReadShares(root, "hourlyShares");
            if (openHour + hourly.Count > MonthScenario.HoursPerDay)
            {
                throw root.Error("hourlyShares", string.Create(CultureInfo.InvariantCulture, $"runs past midnight: openHour {openHour} + {hourly.Count} hours > 24"));
            }

            var mix = ReadMix(root);
            var pools = ReadPools(root);
            CheckEveryQueueHasAPool(root, mix, pools);
            return new MonthScenario
            {
                Name = root.String("name"),
                Description = root.OptionalString("description"),
                Start = start,
                Days = days,
                TotalCalls = root.Int("totalCalls", null, 1, 20_000_000),
                WeekdayShares = weekdays,
                OpenHour = openHour,
                HourlyShares = hourly,
                Mix = mix,
                Pools = pools,
                Gateways = root.Int("gateways", 1, 1, 64),
                TimeStepMs = root.Int("timeStepMs", 1000, 1, 60_000),
                DrainLimit = TimeSpan.FromHours(root.Number("drainLimitHours", 24, 0, 24 * 31, exclusive: true)),
            };
        }
    }

    private static DateTimeOffset? ReadStart(ScenarioFields root)
    {
        if (root.OptionalString("start") is not { } text)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
        {
            throw root.Error("start", $"must be an ISO 8601 instant such as 2026-01-05T00:00:00Z, got '{text}'");
        }

        return start;
    }

    private static bool AnyOpenDay(Dictionary<DayOfWeek, double> weekdays, DateTimeOffset start, int days)
    {
        for (var d = 0; d < Math.Min(days, 7); d++)
        {
            if (weekdays[start.AddDays(d).DayOfWeek] > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<DayOfWeek, double> ReadWeekdayShares(ScenarioFields root)
    {
        var fields = root.Object("weekdayShares", WeekdayNames);
        var shares = new Dictionary<DayOfWeek, double>();
        for (var d = 0; d < WeekdayNames.Length; d++)
        {
            shares[(DayOfWeek)d] = fields.Number(WeekdayNames[d], 0, 0, 1e9);
        }

        return shares;
    }

    private static List<double> ReadShares(ScenarioFields fields, string name)
    {
        var items = fields.Items(name, required: true);
        if (items.Count == 0)
        {
            throw fields.Error(name, "must not be empty");
        }

        var shares = items.Select(item => fields.NumberOf(item.Element, item.Path, 0, 1e9)).ToList();
        return shares.Sum() > 0 ? shares : throw fields.Error(name, "must have a positive sum");
    }

    private static List<CallKindSpec> ReadMix(ScenarioFields root)
    {
        var items = root.Items("mix", required: true);
        if (items.Count == 0)
        {
            throw root.Error("mix", "must list at least one kind of call");
        }

        var kinds = new List<CallKindSpec>(items.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, path) in items)
        {
            var f = ScenarioFields.Read(element, path, root.Source, KindFields);
            var kind = f.String("kind");
            if (!names.Add(kind))
            {
                throw f.Error("kind", $"'{kind}' is listed twice");
            }

            var reason = f.String("reasonCode");
            if (!reason.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                throw f.Error("reasonCode", $"must be upper snake case (e.g. SCHEDULING), got '{reason}'");
            }

            var redFlags = f.Strings("redFlags");
            var queue = f.String("queue");
            kinds.Add(new CallKindSpec
            {
                Kind = kind,
                Share = f.Number("share", null, 0, 1e9),
                ReasonCode = reason,
                RedFlags = redFlags,
                RedFlag = f.Bool("redFlag", redFlags.Count > 0),
                ScreenCompleted = f.Bool("screenCompleted", false),
                SeniorShare = f.Number("seniorShare", 0, 0, 1),
                Words = f.Strings("words"),
                Queue = queue,
                SeniorQueue = f.OptionalString("seniorQueue") ?? queue,
                HandleTime = ReadDuration(f, "handleTime"),
                Patience = f.Has("patience") ? ReadDuration(f, "patience") : null,
            });
        }

        if (kinds.Sum(k => k.Share) <= 0)
        {
            throw root.Error("mix", "shares must have a positive sum");
        }

        return kinds;
    }

    private static DurationSpec ReadDuration(ScenarioFields parent, string name)
    {
        var f = parent.Object(name, "distribution", "meanSeconds", "sdSeconds");
        var distribution = (f.OptionalString("distribution") ?? "lognormal") switch
        {
            "lognormal" => DurationDistribution.Lognormal,
            "exponential" => DurationDistribution.Exponential,
            var other => throw f.Error("distribution", $"must be lognormal or exponential, got '{other}'"),
        };
        var mean = f.Number("meanSeconds", null, 0, 7 * 86_400, exclusive: true);
        if (distribution == DurationDistribution.Exponential)
        {
            return f.Has("sdSeconds")
                ? throw f.Error("sdSeconds", "applies only to lognormal (an exponential's standard deviation is its mean)")
                : new DurationSpec(distribution, mean, mean);
        }

        return new DurationSpec(distribution, mean, f.Number("sdSeconds", null, 0, 7 * 86_400, exclusive: true));
    }

    private static List<PoolSpec> ReadPools(ScenarioFields root)
    {
        var items = root.Items("pools", required: true);
        if (items.Count == 0)
        {
            throw root.Error("pools", "must list at least one pool of agents");
        }

        var pools = new List<PoolSpec>(items.Count);
        var queues = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, path) in items)
        {
            var f = ScenarioFields.Read(element, path, root.Source, PoolFields);
            var queue = f.String("queue");
            if (!queues.Add(queue))
            {
                throw f.Error("queue", $"'{queue}' has two pools; give it one");
            }

            var prefix = f.String("agentIdPrefix");
            if (!prefixes.Add(prefix))
            {
                throw f.Error("agentIdPrefix", $"'{prefix}' is used by two pools; agent ids must not collide");
            }

            pools.Add(new PoolSpec
            {
                Queue = queue,
                Clinical = f.Bool("clinical", false),
                AgentIdPrefix = prefix,
                Skills = ReadSkills(f),
                SlaThreshold = TimeSpan.FromSeconds(f.Number("slaThresholdSeconds", 120, 0, 86_400)),
                SlaTarget = f.Number("slaTarget", 0.95, 0, 1, exclusive: true),
                WrapUp = TimeSpan.FromSeconds(f.Number("wrapUpSeconds", 30, 0, 86_400)),
                Staffing = ReadStaffing(f),
            });
        }

        return pools;
    }

    private static List<SkillSpec> ReadSkills(ScenarioFields pool)
    {
        var items = pool.Items("skills", required: true);
        if (items.Count == 0)
        {
            throw pool.Error("skills", "must list at least one skill (queues match agents by skill)");
        }

        var skills = new List<SkillSpec>(items.Count);
        foreach (var (element, path) in items)
        {
            var f = ScenarioFields.Read(element, path, pool.Source, "name", "proficiency");
            skills.Add(new SkillSpec(f.String("name"), f.Int("proficiency", 3, 1, 5)));
        }

        if (skills.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != skills.Count)
        {
            throw pool.Error("skills", "lists a skill twice");
        }

        return skills;
    }

    private static StaffingSpec ReadStaffing(ScenarioFields pool)
    {
        var model = pool.Object("staffing", "model", "target", "thresholdSeconds", "scale", "extraAgents", "maxAgents", "hours");
        switch (model.String("model"))
        {
            case "erlang-c":
                if (model.Has("hours"))
                {
                    throw model.Error("hours", "applies only to model roster");
                }

                return new ErlangStaffingSpec(
                    model.Number("target", null, 0, 1, exclusive: true) is var t && t < 1 ? t : throw model.Error("target", "must be below 1"),
                    model.Number("thresholdSeconds", null, 0, 86_400),
                    model.Number("scale", 1, 0, 100, exclusive: true),
                    model.Int("extraAgents", 0, 0, 999),
                    model.Int("maxAgents", 999, 1, 999));
            case "roster":
                foreach (var erlangOnly in new[] { "target", "thresholdSeconds", "scale", "extraAgents", "maxAgents" })
                {
                    if (model.Has(erlangOnly))
                    {
                        throw model.Error(erlangOnly, "applies only to model erlang-c");
                    }
                }

                return new RosterStaffingSpec(ReadRosterHours(model));
            case var other:
                throw model.Error("model", $"must be erlang-c or roster, got '{other}'");
        }
    }

    private static Dictionary<DayOfWeek, IReadOnlyList<int>> ReadRosterHours(ScenarioFields model)
    {
        var names = WeekdayNames.Append("default").ToArray();
        var hours = model.Object("hours", names);
        IReadOnlyList<int>? fallback = hours.Has("default") ? ReadDay(hours, "default") : null;
        var roster = new Dictionary<DayOfWeek, IReadOnlyList<int>>();
        for (var d = 0; d < WeekdayNames.Length; d++)
        {
            roster[(DayOfWeek)d] = hours.Has(WeekdayNames[d])
                ? ReadDay(hours, WeekdayNames[d])
                : fallback ?? throw hours.Error(WeekdayNames[d], "is missing and there is no default day");
        }

        return roster;
    }

    private static int[] ReadDay(ScenarioFields hours, string name)
    {
        var items = hours.Items(name, required: true);
        if (items.Count != MonthScenario.HoursPerDay)
        {
            throw hours.Error(name, string.Create(CultureInfo.InvariantCulture, $"must list agents for each of the 24 hours from 00:00, got {items.Count} values"));
        }

        var agents = new int[items.Count];
        for (var h = 0; h < items.Count; h++)
        {
            var value = hours.NumberOf(items[h].Element, items[h].Path, 0, 999);
            agents[h] = value == Math.Floor(value) ? (int)value : throw hours.ErrorAt(items[h].Path, "must be a whole number of agents");
        }

        return agents;
    }

    private static void CheckEveryQueueHasAPool(ScenarioFields root, List<CallKindSpec> mix, List<PoolSpec> pools)
    {
        for (var i = 0; i < mix.Count; i++)
        {
            foreach (var (field, queue) in new[] { ("queue", mix[i].Queue), ("seniorQueue", mix[i].SeniorQueue) })
            {
                if (!pools.Any(p => string.Equals(p.Queue, queue, StringComparison.Ordinal)))
                {
                    throw root.ErrorAt(
                        string.Create(CultureInfo.InvariantCulture, $"mix[{i}].{field}"),
                        $"'{queue}' has no pool of agents; add one to pools");
                }
            }
        }
    }
}
