#!/usr/bin/env python3
"""Generate the AWSJSONProtocol validation tables from the botocore cognito-idp model.

Usage (from the package root):
    python3 tools/generate_shapes.py [path/to/service-2.json.gz]
Without an argument the model is taken from the installed botocore.

Emits Sources/AWSJSONProtocol/Generated/CognitoIdentityProviderShapes.swift with, for every shape
reachable from an operation's input: type, required flags, min/max, pattern index and enum values.
No documentation text is copied. Two orders are precomputed the way Coral (a Java service) prints
them:
  * enum values (`enum_order`): buckets `String.hashCode() & 31` ascending, a later model value first
    within a bucket. This is the only rule found that reproduces all three real messages known:
    [OPTIONAL, OFF, ON] for MfaConfiguration (rosberglinhares/CloudFormationCognitoCustomResources#1),
    [SUPPRESS, RESEND] for messageAction (awsdocs/aws-doc-sdk-examples#891) and the eight
    explicitAuthFlows values of awsdocs/aws-cloudformation-user-guide#525 and
    aws-solutions/media-insights-on-aws#199. A Java 8 `new HashSet<>(values)` (hash spread, 16
    buckets) gets the first two right but not the third.
  * members of a structure (`java_hash_order`): iteration order of a Java 8 HashMap keyed by the
    lowerCamel member name. It reproduces the real SignUp answer quoted in
    amazon-archives/amazon-cognito-identity-js#388, where 'password' is reported before 'username'
    although the model lists Username first.
"""
import gzip
import json
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Sources', 'AWSJSONProtocol',
                   'Generated', 'CognitoIdentityProviderShapes.swift')


# Patterns the model declares but Cognito checks itself, with a text of its own, instead of in its
# Coral front end. DomainType: a custom domain (`auth.example.com`, with CustomDomainConfig) is sent
# in the same member and is accepted with its dots, and a bad prefix is answered "The domain name
# contains an invalid character. ..." (real answer quoted in mineiros-io/terraform-aws-cognito-user-pool
# issue 69), not Coral's "failed to satisfy constraint". The handlers apply the prefix pattern.
SERVICE_CHECKED_PATTERNS = {'DomainType'}


def model_path():
    if len(sys.argv) > 1:
        return sys.argv[1]
    import botocore
    return os.path.join(os.path.dirname(botocore.__file__), 'data', 'cognito-idp', '2016-04-18',
                        'service-2.json.gz')


def java_string_hash(text):
    """java.lang.String.hashCode: 31*h + UTF-16 code unit, wrapped to 32 bits."""
    h = 0
    data = text.encode('utf-16-be')
    for i in range(0, len(data), 2):
        h = (31 * h + ((data[i] << 8) | data[i + 1])) & 0xFFFFFFFF
    return h


def table_size(count, from_collection):
    """Bucket count of a java.util.HashMap after inserting `count` keys.

    `new HashSet<>(c)` sizes its map to max(c.size()/.75f + 1, 16) rounded up to a power of two;
    a map filled by `put` starts at 16 and doubles whenever size exceeds 0.75 * capacity.
    """
    cap = 16
    if from_collection:
        while cap < count / 0.75 + 1:
            cap *= 2
    else:
        while count > cap * 0.75:
            cap *= 2
    return cap


def java_hash_order(items, from_collection):
    """Iteration order of a Java HashSet/HashMap: buckets ascending, insertion order within one."""
    cap = table_size(len(items), from_collection)
    buckets = {}
    for item in items:
        h = java_string_hash(item)
        h ^= h >> 16  # HashMap.hash spreads the high bits
        buckets.setdefault(h & (cap - 1), []).append(item)
    return [item for index in sorted(buckets) for item in buckets[index]]


def enum_order(values):
    """Enum value order as Coral prints it: see the module docstring for the evidence."""
    cap = 32
    while len(values) > cap * 0.75:
        cap *= 2
    buckets = {}
    for value in values:
        buckets.setdefault(java_string_hash(value) & (cap - 1), []).insert(0, value)
    return [value for index in sorted(buckets) for value in buckets[index]]


def lower_camel(name):
    return name[:1].lower() + name[1:]


def swift_string(text):
    if '"' in text or '\\' in text:
        return '#"' + text + '"#'
    return '"' + text + '"'


def main():
    model = json.load(gzip.open(model_path()))
    shapes = model['shapes']
    operations = model['operations']

    reachable = []
    seen = set()

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        reachable.append(name)
        shape = shapes[name]
        kind = shape['type']
        if kind == 'structure':
            for member in shape.get('members', {}).values():
                visit(member['shape'])
        elif kind == 'list':
            visit(shape['member']['shape'])
        elif kind == 'map':
            visit(shape['key']['shape'])
            visit(shape['value']['shape'])

    op_inputs = {}
    unauthenticated = []
    for op_name in sorted(operations):
        op = operations[op_name]
        if 'input' in op:
            op_inputs[op_name] = op['input']['shape']
            visit(op['input']['shape'])
        if op.get('authtype') == 'none' or 'smithy.api#noAuth' in op.get('auth', []):
            unauthenticated.append(op_name)

    reachable.sort()
    index = {name: i for i, name in enumerate(reachable)}
    for name in SERVICE_CHECKED_PATTERNS:
        shapes[name] = {k: v for k, v in shapes[name].items() if k != 'pattern'}
    patterns = sorted({shapes[n]['pattern'] for n in reachable if 'pattern' in shapes[n]})
    pattern_index = {p: i for i, p in enumerate(patterns)}

    lines = []
    out = lines.append
    try:
        import botocore
        source = 'botocore %s' % botocore.__version__
    except ImportError:
        source = 'the botocore model'
    out('// GENERATED by tools/generate_shapes.py from %s, %s.'
        % (source, model.get('metadata', {}).get('uid', 'cognito-idp')))
    out('// Do not edit. Regenerate with `python3 tools/generate_shapes.py` (optionally passing the')
    out('// path of service-2.json.gz) from the package root, then commit the result.')
    out('// Constraints only (and which shapes are sensitive); enum values are in the order Coral prints them and `order` lists members in')
    out('// Java HashMap order of their lowerCamel names (evidence in tools/generate_shapes.py).')
    out('// swiftlint:disable all')
    out('')
    out('extension CognitoIdentityProviderModel {')
    out('    public static let targetPrefix = %s' % swift_string(model['metadata']['targetPrefix']))
    out('')
    out('    /// Operation name → botocore input shape name.')
    out('    public static let operationInputs: [String: String] = [')
    for op_name, shape in op_inputs.items():
        out('        %s: %s,' % (swift_string(op_name), swift_string(shape)))
    out('    ]')
    out('')
    out('    /// Operations modeled with `smithy.api#noAuth` / `authtype: none` (no SigV4).')
    out('    public static let unauthenticatedOperations: Set<String> = [')
    for op_name in unauthenticated:
        out('        %s,' % swift_string(op_name))
    out('    ]')
    out('')
    out('    static let patterns: [String] = [')
    for p in patterns:
        out('        %s,' % swift_string(p))
    out('    ]')
    out('')
    out('    static let shapeList: [ShapeSpec] = [')
    for name in reachable:
        shape = shapes[name]
        # A Smithy document (`"document": true`, e.g. the WebAuthn credential JSON) is free-form JSON.
        kind = 'document' if shape.get('document') else shape['type']
        args = [swift_string(name), '.' + kind]
        if 'min' in shape:
            args.append('min: %d' % int(shape['min']))
        if 'max' in shape:
            args.append('max: %d' % int(shape['max']))
        if 'pattern' in shape:
            args.append('pattern: %d' % pattern_index[shape['pattern']])
        if 'enum' in shape:
            ordered = enum_order(shape['enum'])
            args.append('enumValues: [%s]' % ', '.join(swift_string(v) for v in ordered))
        if kind == 'structure':
            required = set(shape.get('required', []))
            members = list(shape.get('members', {}).items())
            specs = []
            for member_name, member in members:
                flag = ', true' if member_name in required else ''
                specs.append('M(%s, %d%s)' % (swift_string(member_name), index[member['shape']], flag))
            args.append('members: [%s]' % ', '.join(specs))
            camel = [lower_camel(m) for m, _ in members]
            hashed = java_hash_order(camel, from_collection=False)
            order = [camel.index(c) for c in hashed]
            if order != list(range(len(members))):
                args.append('order: [%s]' % ', '.join(str(i) for i in order))
        elif kind == 'list':
            args.append('element: %d' % index[shape['member']['shape']])
        elif kind == 'map':
            args.append('key: %d' % index[shape['key']['shape']])
            args.append('element: %d' % index[shape['value']['shape']])
        # `"sensitive": true` (passwords, tokens, sessions, secrets, usernames, client ids, attribute
        # values): AWS never prints such a value in a validation message (`Value at 'password' ...`).
        if shape.get('sensitive'):
            args.append('sensitive: true')
        out('        S(%s),' % ', '.join(args))
    out('    ]')
    out('}')
    out('')
    with open(OUT, 'w') as handle:
        handle.write('\n'.join(lines))
    print('wrote %s: %d shapes, %d operations, %d patterns, %d unauthenticated'
          % (os.path.normpath(OUT), len(reachable), len(op_inputs), len(patterns), len(unauthenticated)))


if __name__ == '__main__':
    main()
