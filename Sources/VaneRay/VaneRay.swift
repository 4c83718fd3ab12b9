/// Tasks on a Ray cluster: `RayPlugin` runs a task attempt as a Ray job through the cluster's
/// job submission REST API.
public enum VaneRayModule {}
