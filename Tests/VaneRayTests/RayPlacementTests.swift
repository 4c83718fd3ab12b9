import FlyteIDL
import Testing
import VaneEngine

@testable import VaneRay

@Suite struct RayPlacementTests {
  func task(type: String = "python-task", image: String = "ghcr.io/org/app:v1") -> Flyteidl_Core_TaskTemplate {
    var task = Flyteidl_Core_TaskTemplate()
    task.type = type
    task.container.image = image
    task.container.args = ["pyflyte-execute"]
    return task
  }

  @Test func rayTasksAlwaysGoToRay() {
    #expect(RayPlacement().placesOnRay(task(type: "ray"), project: "p"))
    #expect(!RayPlacement().placesOnRay(task(), project: "p"))
  }

  @Test func placementByTypeImageOrProject() {
    #expect(RayPlacement(taskTypes: ["python-task"]).placesOnRay(task(), project: "p"))
    #expect(RayPlacement(taskTypes: ["*"]).placesOnRay(task(type: "container"), project: "p"))
    #expect(!RayPlacement(taskTypes: ["container"]).placesOnRay(task(), project: "p"))
    #expect(RayPlacement(images: ["ghcr.io/org/app"]).placesOnRay(task(), project: "p"))
    #expect(RayPlacement(images: ["ghcr.io/org/app:v1"]).placesOnRay(task(), project: "p"))
    #expect(!RayPlacement(images: ["ghcr.io/org/app:v2"]).placesOnRay(task(), project: "p"))
    #expect(RayPlacement(projects: ["big"]).placesOnRay(task(), project: "big"))
    #expect(!RayPlacement(projects: ["big"]).placesOnRay(task(), project: "small"))
  }

  @Test func tasksWithoutAContainerStayOffRay() {
    var echo = Flyteidl_Core_TaskTemplate()
    echo.type = "echo"
    #expect(!RayPlacement(taskTypes: ["*"]).placesOnRay(echo, project: "p"))
  }
}
