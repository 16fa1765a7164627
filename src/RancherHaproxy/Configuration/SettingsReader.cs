using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RancherHaproxy.Configuration;

/// <summary>
/// Reads typed values from the configuration, collecting one <see cref="SettingError"/> per bad
/// variable instead of stopping at the first, so the user sees every mistake in one go.
/// </summary>
internal sealed class SettingsReader(IConfiguration configuration)
{
    /// <summary>Anything shorter rounds to a zero delay: a tight loop.</summary>
    private const double MinimumSeconds = 0.001;

    private readonly List<SettingError> _errors = [];

    public IReadOnlyList<SettingError> Errors => _errors;

    public string? Optional(string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public string String(string name, string defaultValue) => Optional(name) ?? defaultValue;

    public string Required(string name)
    {
        var value = Optional(name);
        if (value is null)
        {
            Fail(name, "is required and not set");
            return string.Empty;
        }

        return value;
    }

    public bool Boolean(string name, bool defaultValue)
    {
        var value = Optional(name);
        if (value is null)
        {
            return defaultValue;
        }

        switch (value.ToLowerInvariant())
        {
            case "true" or "1" or "yes":
                return true;
            case "false" or "0" or "no":
                return false;
            default:
                Fail(name, $"must be true/false/1/0/yes/no, not '{value}'");
                return defaultValue;
        }
    }

    public int Port(string name, int defaultValue) => Integer(name, defaultValue, 1, 65535);

    public int Integer(string name, int defaultValue, int minimum, int maximum)
    {
        var value = Optional(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < minimum || number > maximum)
        {
            Fail(name, $"must be a whole number from {minimum} to {maximum}, not '{value}'");
            return defaultValue;
        }

        return number;
    }

    /// <summary>
    /// Seconds, whole or decimal (e.g. 10 or 0.5), from 1 ms to <paramref name="maximumSeconds"/>.
    /// The range test is written so that NaN, which double.TryParse accepts whatever the styles, fails it.
    /// </summary>
    public TimeSpan Seconds(string name, double defaultSeconds, double maximumSeconds)
    {
        var value = Optional(name);
        if (value is null)
        {
            return TimeSpan.FromSeconds(defaultSeconds);
        }

        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !(seconds >= MinimumSeconds && seconds <= maximumSeconds))
        {
            Fail(name, $"must be a number of seconds from {MinimumSeconds} to {maximumSeconds}, not '{value}'");
            return TimeSpan.FromSeconds(defaultSeconds);
        }

        return TimeSpan.FromSeconds(seconds);
    }

    public T Choice<T>(string name, T defaultValue, IReadOnlyDictionary<string, T> choices)
    {
        var value = Optional(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (choices.TryGetValue(value.ToLowerInvariant(), out var choice))
        {
            return choice;
        }

        Fail(name, $"must be one of {string.Join(", ", choices.Keys)}, not '{value}'");
        return defaultValue;
    }

    /// <summary>
    /// A file path HAProxy expands inside double quotes: no quotes, control characters or '$'
    /// that would change the meaning of the config line.
    /// </summary>
    public string Path(string name, string defaultValue)
    {
        var value = String(name, defaultValue);
        if (!SettingsValidation.IsSafePath(value))
        {
            Fail(name, "must be a file path without quotes, '$', '\\' or control characters");
        }

        return value;
    }

    public void Fail(string name, string reason) => _errors.Add(new SettingError(name, reason));
}
