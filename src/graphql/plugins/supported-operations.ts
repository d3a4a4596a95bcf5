// Refuses, as a validation error (HTTP 400, no execution and so no error log), an operation
// whose type the schema has no root for. The schema answers queries only: graphql-js would
// otherwise fail a `mutation` or `subscription` during execution, which reads as an internal
// error and logs a line for every such request.
import { GraphQLError, OperationTypeNode, type ASTVisitor, type ValidationContext } from 'graphql';

export function supportedOperationsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      const supported = [OperationTypeNode.QUERY, OperationTypeNode.MUTATION, OperationTypeNode.SUBSCRIPTION].filter(
        (kind) => context.getSchema().getRootType(kind),
      );
      context.reportError(
        new GraphQLError(
          `This API does not support ${node.operation} operations; it answers ${supported.join(', ')} operations only.`,
          { nodes: node, extensions: { code: 'OPERATION_NOT_SUPPORTED', operation: node.operation } },
        ),
      );
    },
  };
}
