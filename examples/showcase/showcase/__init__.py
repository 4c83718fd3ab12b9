"""Showcase: every workflow feature a demanding flytekit user relies on, in trivial tasks.

Modules: basics (chains, fan-out/in, named outputs, defaults, collections, retries, cache),
typed (dataclass, enum, files, directories, optionals, time), branching (nested conditionals
with a failing leg), dynamics (dynamic tasks calling subworkflows and other dynamics), maps
(map tasks with bound inputs and a minimum success ratio), failures (failure node and policy),
plans (launch plans with fixed/default inputs and schedules, used as nodes), gates (sleep,
signal input and approval), everything (one workflow with every node kind), containers (a raw
container task), subworkflows (inline subworkflows).
"""
