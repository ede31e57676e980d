namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>
/// Why a kubeconfig could not be used: the file (as shown to the user), the 1-based line and column when the
/// problem sits at a place in the file (0 otherwise), the field path (<c>users[0].user.token</c>) when one
/// field is at fault, and the message.
/// </summary>
public sealed record KubeconfigError(string File, int Line, int Column, string? Field, string Message)
{
    /// <summary>
    /// "kubeconfig ~/.kube/config:12: users[0].user.client-key-data is not valid base64"; a YAML syntax error,
    /// which has no field, shows its column too.
    /// </summary>
    public override string ToString()
    {
        var place = Line <= 0 ? File : Field is null && Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}";
        return $"kubeconfig {place}: {Message}";
    }
}
