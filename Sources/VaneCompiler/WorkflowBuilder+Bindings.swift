import FlyteIDL
import VaneModel

extension WorkflowBuilder {
  /// Checks a node's bindings against its inputs (`params`; nil checks only that promises
  /// resolve), adds the edges they imply and returns the types they resolve to. Every input
  /// that is neither bound nor optional is reported with `missingCode`.
  @discardableResult
  mutating func checkBindings(
    _ bindings: [Flyteidl_Core_Binding], of consumer: String, params: Flyteidl_Core_VariableMap?,
    direction: EdgeDirection, missingCode: CompilerError.Code = .missingRequiredInput
  ) -> Flyteidl_Core_VariableMap {
    var resolved = Flyteidl_Core_VariableMap()
    var bound: Set<String> = []
    for binding in bindings {
      let expected = params?.variables[binding.var]
      if params != nil && expected == nil {
        let known = params?.variables.keys.sorted().joined(separator: ", ") ?? ""
        report(
          .unknownVariable, consumer,
          "binds '\(binding.var)', which is not an input (inputs: \(known.isEmpty ? "none" : known))")
      } else if !bound.insert(binding.var).inserted {
        report(.duplicateBinding, consumer, "input '\(binding.var)' is bound more than once")
      } else if !binding.hasBinding || binding.binding.value == nil {
        report(.missingValue, consumer, "the binding for '\(binding.var)' has no value")
      } else {
        let check = checkBinding(
          binding.binding, expected: expected?.type, input: Self.label(binding.var, of: consumer), consumer: consumer,
          validateTypes: params != nil)
        for problem in check.problems { report(problem.code, consumer, problem.message) }
        for source in check.upstream { addEdge(from: source, to: consumer, direction) }
        if check.isValid, let type = check.type {
          var variable = Flyteidl_Core_Variable()
          variable.type = type
          resolved.variables[binding.var] = variable
        }
      }
    }
    for (name, variable) in (params?.variables ?? [:]).sorted(by: { $0.key < $1.key })
    where !bound.contains(name) && !LiteralTypeCasting.isOptional(variable.type) {
      let what = missingCode == .unboundOutput ? "workflow output '\(name)'" : "required input '\(name)'"
      report(missingCode, consumer, "\(what) (\(variable.type.readable)) is not bound")
    }
    return resolved
  }

  /// The types of a node's bindings without checking them against an interface and without
  /// reporting (problems are reported when the node's bindings are checked).
  mutating func bindingTypes(_ bindings: [Flyteidl_Core_Binding], of consumer: String) -> Flyteidl_Core_VariableMap {
    var result = Flyteidl_Core_VariableMap()
    for binding in bindings where binding.hasBinding {
      let check = checkBinding(
        binding.binding, expected: nil, input: Self.label(binding.var, of: consumer), consumer: consumer,
        validateTypes: false)
      if check.isValid, let type = check.type {
        var variable = Flyteidl_Core_Variable()
        variable.type = type
        result.variables[binding.var] = variable
      }
    }
    return result
  }

  /// How messages name the bound variable: `input 'x'`, or `workflow output 'x'` on `end-node`.
  static func label(_ name: String, of consumer: String) -> String {
    consumer == endNodeID ? "workflow output '\(name)'" : "input '\(name)'"
  }

  /// Checks one binding value against the type expected for `input` (a label from `label`).
  mutating func checkBinding(
    _ data: Flyteidl_Core_BindingData, expected: Flyteidl_Core_LiteralType?, input: String,
    consumer: String, validateTypes: Bool
  ) -> BindingCheck {
    let typed = validateTypes ? expected : nil
    if let typed, case .unionType(let union)? = typed.type, data.isContainer {
      return checkAgainstVariants(data, union: union, input: input, consumer: consumer)
    }
    switch data.value {
    case .collection(let collection)?:
      var elementType: Flyteidl_Core_LiteralType?
      if let typed {
        guard case .collectionType(let element)? = typed.type else {
          return .failure(.typeMismatch, "a list is bound to \(input), which expects \(typed.readable)")
        }
        elementType = element
      }
      return checkElements(
        collection.bindings, expected: elementType, input: input, consumer: consumer,
        validateTypes: validateTypes, wrap: { $0.collectionType = $1 })
    case .map(let map)?:
      var valueType: Flyteidl_Core_LiteralType?
      if let typed {
        guard case .mapValueType(let value)? = typed.type else {
          return .failure(.typeMismatch, "a map is bound to \(input), which expects \(typed.readable)")
        }
        valueType = value
      }
      let values = map.bindings.keys.sorted().compactMap { map.bindings[$0] }
      return checkElements(
        values, expected: valueType, input: input, consumer: consumer,
        validateTypes: validateTypes, wrap: { $0.mapValueType = $1 })
    case .promise(let reference)?:
      return checkPromise(reference, expected: typed, input: input, consumer: consumer)
    case .scalar(let scalar)?:
      return checkScalar(scalar, expected: expected, typed: typed, input: input)
    case .offloadedMetadata(let offloaded)?:
      let type = offloaded.inferredType
      if let typed, !LiteralTypeCasting.isCastable(type, to: typed) {
        return .failure(
          .typeMismatch,
          "an offloaded \(type.readable) value cannot be bound to \(input) of type \(typed.readable)")
      }
      return BindingCheck(type: type)
    case nil:
      return .failure(.missingValue, "the binding for \(input) has no value")
    }
  }

  private mutating func checkAgainstVariants(
    _ data: Flyteidl_Core_BindingData, union: Flyteidl_Core_UnionType, input: String, consumer: String
  ) -> BindingCheck {
    var match: (variant: Flyteidl_Core_LiteralType, check: BindingCheck)?
    for variant in union.variants {
      let check = checkBinding(data, expected: variant, input: input, consumer: consumer, validateTypes: true)
      guard check.isValid else { continue }
      if let match {
        return .failure(
          .ambiguousUnionBinding,
          "the value bound to \(input) fits both \(match.variant.readable) and \(variant.readable) of its union type"
        )
      }
      match = (variant, check)
    }
    guard let match else {
      let variants = union.variants.map(\.readable).joined(separator: ", ")
      return .failure(
        .incompatibleUnionBinding, "the value bound to \(input) fits none of its union variants (\(variants))")
    }
    return match.check
  }

  private mutating func checkElements(
    _ elements: [Flyteidl_Core_BindingData], expected: Flyteidl_Core_LiteralType?, input: String,
    consumer: String, validateTypes: Bool,
    wrap: (inout Flyteidl_Core_LiteralType, Flyteidl_Core_LiteralType) -> Void
  ) -> BindingCheck {
    var result = BindingCheck(type: nil)
    var elementType: Flyteidl_Core_LiteralType?
    for element in elements {
      let check = checkBinding(
        element, expected: expected, input: input, consumer: consumer, validateTypes: validateTypes)
      result.upstream += check.upstream
      result.problems += check.problems
      if check.isValid, let type = check.type { elementType = type }
    }
    var type = Flyteidl_Core_LiteralType()
    wrap(&type, elementType ?? LiteralTypeInference.type(of: Self.noneScalar) ?? Flyteidl_Core_LiteralType())
    result.type = type
    return result
  }

  private static let noneScalar: Flyteidl_Core_Scalar = {
    var scalar = Flyteidl_Core_Scalar()
    scalar.noneType = Flyteidl_Core_Void()
    return scalar
  }()

  private func checkScalar(
    _ scalar: Flyteidl_Core_Scalar, expected: Flyteidl_Core_LiteralType?, typed: Flyteidl_Core_LiteralType?,
    input: String
  ) -> BindingCheck {
    guard let type = LiteralTypeInference.type(of: scalar) else {
      return .failure(.unsupportedBinding, "the literal bound to \(input) holds no recognisable value")
    }
    var check = BindingCheck(type: type)
    if let typed, !LiteralTypeCasting.isCastable(type, to: typed) {
      check.problems.append(
        .init(
          code: .typeMismatch,
          message: "a literal \(type.readable) cannot be bound to \(input) of type \(typed.readable)"))
    }
    if let expected, case .enumType(let enumType)? = expected.type {
      let value = scalar.primitive.stringValue
      if !enumType.values.contains(value) {
        check.problems.append(
          .init(
            code: .invalidEnumValue,
            message: "'\(value)' bound to \(input) is not one of \(enumType.values.joined(separator: ", "))"))
      }
    }
    return check
  }
}

extension Flyteidl_Core_BindingData {
  /// Collections, maps and other non-scalar, non-promise bindings: checked per union variant.
  var isContainer: Bool {
    switch value {
    case .scalar?, .promise?: false
    default: true
    }
  }
}
