using System.Net;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Konfig.Kubernetes.Http;

/// <summary>Turns failed calls into <see cref="KubernetesApiException"/>: a Status answer, or no answer at all.</summary>
internal static class ApiErrors
{
    /// <summary>A non-2xx answer: the server's Status (reason, message, code) when it sent one.</summary>
    public static KubernetesApiException FromAnswer(HttpStatusCode statusCode, string body, string method, string path)
    {
        var code = (int)statusCode;
        if (TryParse(body) is { } status && (string?)status["kind"] == "Status")
        {
            var reason = (string?)status["reason"];
            var message = (string?)status["message"];
            return new KubernetesApiException(
                status["code"] is JsonValue value && value.TryGetValue<int>(out var statusCode2) ? statusCode2 : code,
                string.IsNullOrEmpty(reason) ? statusCode.ToString() : reason,
                string.IsNullOrEmpty(message) ? $"{method} {path}: HTTP {code}" : message);
        }

        var excerpt = body.Length > 300 ? body[..300] + "…" : body;
        return new KubernetesApiException(code, statusCode.ToString(), $"{method} {path}: HTTP {code} {excerpt}".TrimEnd());
    }

    /// <summary>No answer: refused, reset, timed out, or a TLS handshake that failed (with why, from <paramref name="tls"/>).</summary>
    public static KubernetesApiException Unreachable(Uri server, Exception exception, TlsFailureRecorder tls)
    {
        string reason;
        if (Find<AuthenticationException>(exception) is not null)
        {
            reason = $"TLS handshake failed: {tls.Last ?? Innermost(exception).Message}";
        }
        else if (exception is OperationCanceledException or TimeoutException)
        {
            reason = "no answer in time";
        }
        else
        {
            reason = Innermost(exception).Message;
        }

        return new KubernetesApiException(0, "Unreachable", $"cannot reach {server.GetLeftPart(UriPartial.Authority)}: {reason}", exception);
    }

    public static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
