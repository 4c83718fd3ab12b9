"""A raw container task (no flytekit inside the container): inputs on the command line,
outputs as files in the output directory. Registered on its own: flytekit runs ContainerTask
locally only through Docker, so no workflow here uses it."""

from flytekit import ContainerTask, kwtypes

raw_multiply = ContainerTask(
    name="showcase.containers.raw_multiply",
    image="python:3.11",
    input_data_dir="/var/inputs",
    output_data_dir="/var/outputs",
    inputs=kwtypes(a=int, b=int),
    outputs=kwtypes(product=int),
    command=[
        "python",
        "-c",
        "import sys; open('/var/outputs/product', 'w').write(str(int(sys.argv[1]) * int(sys.argv[2])))",
        "{{.inputs.a}}",
        "{{.inputs.b}}",
    ],
)
