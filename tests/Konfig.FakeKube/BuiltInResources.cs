namespace Konfig.FakeKube;

/// <summary>The built-in kinds the fake serves (a subset of a real cluster's, enough for Konfig and kubectl).</summary>
internal static class BuiltInResources
{
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Type("", "v1", "Namespace", "namespaces", namespaced: false, "ns"),
        Type("", "v1", "ConfigMap", "configmaps", namespaced: true, "cm"),
        Type("", "v1", "Secret", "secrets", namespaced: true),
        InAll("", "v1", "Service", "services", namespaced: true, "svc"),
        Type("", "v1", "ServiceAccount", "serviceaccounts", namespaced: true, "sa"),
        Type("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", namespaced: true, "pvc"),
        InAll("", "v1", "Pod", "pods", namespaced: true, "po"),
        Type("", "v1", "Endpoints", "endpoints", namespaced: true, "ep"),
        Type("", "v1", "Event", "events", namespaced: true, "ev"),
        InAll("apps", "v1", "Deployment", "deployments", namespaced: true, "deploy"),
        InAll("apps", "v1", "StatefulSet", "statefulsets", namespaced: true, "sts"),
        InAll("apps", "v1", "DaemonSet", "daemonsets", namespaced: true, "ds"),
        InAll("apps", "v1", "ReplicaSet", "replicasets", namespaced: true, "rs"),
        InAll("batch", "v1", "Job", "jobs", namespaced: true),
        InAll("batch", "v1", "CronJob", "cronjobs", namespaced: true, "cj"),
        Type("networking.k8s.io", "v1", "Ingress", "ingresses", namespaced: true, "ing"),
        Type("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", namespaced: true, "netpol"),
        Type("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", namespaced: true, "pdb"),
        Type("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", namespaced: true, "hpa"),
        Type("rbac.authorization.k8s.io", "v1", "Role", "roles", namespaced: true),
        Type("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", namespaced: true),
        Type("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", namespaced: false),
        Type("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        Type("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", namespaced: false, "crd", "crds"),
    ];

    private static ResourceType Type(string group, string version, string kind, string plural, bool namespaced, params string[] shortNames) =>
        new(group, version, kind, plural, namespaced, shortNames);

    // Kinds in the "all" category, which `kubectl get all` lists.
    private static ResourceType InAll(string group, string version, string kind, string plural, bool namespaced, params string[] shortNames) =>
        new(group, version, kind, plural, namespaced, shortNames) { Categories = ["all"] };
}
