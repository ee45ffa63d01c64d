/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { type GraphQLClient, type RequestOptions } from 'graphql-request';
import type { DocumentNode } from 'graphql';
type GraphQLClientRequestHeaders = RequestOptions['requestHeaders'];
export type DeliveryStatus =
  /** scooter-accumulator accepted the scan */
  | 'DELIVERED'
  /** scooter-accumulator could not be reached; the gateway keeps the scan and delivers it later */
  | 'PENDING'
  /** scooter-accumulator refused the scan (unknown accumulator, not booked, ...) */
  | 'REJECTED';

export type HandoverKind =
  /** the keeper takes accumulators back from a contractor; each scan calls upstream accumulator/returned */
  | 'GET'
  /** the keeper hands charged accumulators to a contractor; each scan calls upstream accumulator/taken */
  | 'GIVE';

export type Role =
  /** hands accumulators out of / back into cabinets by hand when a cabinet is offline */
  | 'ACCUMULATOR_KEEPER'
  | 'ADMIN'
  | 'REPAIRER';

/** The operator's current activity; the first three values are the seed's client_states.state. */
export type SessionState =
  | 'GET_ACCUMULATORS'
  | 'GIVE_ACCUMULATORS'
  | 'NONE'
  | 'REPAIR';

export type HandoverScanFieldsFragment = { accumulatorId: string, at: string, delivery: DeliveryStatus, expected: boolean, message: string | null };

export type BookingInfoMutationVariables = Exact<{
  cabinetId: string;
  contractorId: string;
  kind: HandoverKind;
}>;


export type BookingInfoMutation = { bookingInfo: { cabinetId: string, contractorId: string, kind: HandoverKind, cellsForReturn: number, accumulators: Array<{ accumulatorId: string, cellId: string | null, done: boolean }>, replacedHandover: { id: string, kind: HandoverKind, cabinetId: string, contractorId: string } | null } };

export type AccumulatorTakenMutationVariables = Exact<{
  accumulatorId: string;
}>;


export type AccumulatorTakenMutation = { accumulatorTaken: { duplicate: boolean, done: number, expected: number, scan: { accumulatorId: string, at: string, delivery: DeliveryStatus, expected: boolean, message: string | null } } };

export type AccumulatorReturnedMutationVariables = Exact<{
  accumulatorId: string;
}>;


export type AccumulatorReturnedMutation = { accumulatorReturned: { duplicate: boolean, done: number, expected: number, scan: { accumulatorId: string, at: string, delivery: DeliveryStatus, expected: boolean, message: string | null } } };

export type FinishHandoverMutationVariables = Exact<{ [key: string]: never; }>;


export type FinishHandoverMutation = { finishHandover: { id: string, kind: HandoverKind, cabinetId: string, contractorId: string, booked: Array<{ accumulatorId: string, done: boolean }>, scans: Array<{ accumulatorId: string, at: string, delivery: DeliveryStatus, expected: boolean, message: string | null }> } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { state: SessionState, cabinetId: string | null, contractorId: string | null, operator: { login: string, roles: Array<Role>, placeId: string | null }, handover: { id: string, kind: HandoverKind, cabinetId: string, contractorId: string } | null } };

export const HandoverScanFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HandoverScanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HandoverScan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accumulatorId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"delivery"}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode;
export const BookingInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BookingInfo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cabinetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contractorId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"HandoverKind"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bookingInfo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cabinetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cabinetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"contractorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contractorId"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cabinetId"}},{"kind":"Field","name":{"kind":"Name","value":"contractorId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"cellsForReturn"}},{"kind":"Field","name":{"kind":"Name","value":"accumulators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accumulatorId"}},{"kind":"Field","name":{"kind":"Name","value":"cellId"}},{"kind":"Field","name":{"kind":"Name","value":"done"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replacedHandover"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"cabinetId"}},{"kind":"Field","name":{"kind":"Name","value":"contractorId"}}]}}]}}]}}]} as unknown as DocumentNode;
export const AccumulatorTakenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AccumulatorTaken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accumulatorId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accumulatorTaken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accumulatorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accumulatorId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"duplicate"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"scan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HandoverScanFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HandoverScanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HandoverScan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accumulatorId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"delivery"}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode;
export const AccumulatorReturnedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AccumulatorReturned"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accumulatorId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accumulatorReturned"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accumulatorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accumulatorId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"duplicate"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"scan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HandoverScanFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HandoverScanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HandoverScan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accumulatorId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"delivery"}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode;
export const FinishHandoverDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FinishHandover"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"finishHandover"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"cabinetId"}},{"kind":"Field","name":{"kind":"Name","value":"contractorId"}},{"kind":"Field","name":{"kind":"Name","value":"booked"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accumulatorId"}},{"kind":"Field","name":{"kind":"Name","value":"done"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HandoverScanFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HandoverScanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HandoverScan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accumulatorId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"delivery"}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"cabinetId"}},{"kind":"Field","name":{"kind":"Name","value":"contractorId"}},{"kind":"Field","name":{"kind":"Name","value":"operator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"placeId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"handover"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"cabinetId"}},{"kind":"Field","name":{"kind":"Name","value":"contractorId"}}]}}]}}]}}]} as unknown as DocumentNode;

export type SdkFunctionWrapper = <T>(action: (requestHeaders?:Record<string, string>) => Promise<T>, operationName: string, operationType?: string, variables?: any) => Promise<T>;


const defaultWrapper: SdkFunctionWrapper = (action, _operationName, _operationType, _variables) => action();

export function getSdk(client: GraphQLClient, withWrapper: SdkFunctionWrapper = defaultWrapper) {
  return {
    BookingInfo(variables: BookingInfoMutationVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<BookingInfoMutation> {
      return withWrapper((wrappedRequestHeaders) => client.request<BookingInfoMutation>({ document: BookingInfoDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'BookingInfo', 'mutation', variables);
    },
    AccumulatorTaken(variables: AccumulatorTakenMutationVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<AccumulatorTakenMutation> {
      return withWrapper((wrappedRequestHeaders) => client.request<AccumulatorTakenMutation>({ document: AccumulatorTakenDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'AccumulatorTaken', 'mutation', variables);
    },
    AccumulatorReturned(variables: AccumulatorReturnedMutationVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<AccumulatorReturnedMutation> {
      return withWrapper((wrappedRequestHeaders) => client.request<AccumulatorReturnedMutation>({ document: AccumulatorReturnedDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'AccumulatorReturned', 'mutation', variables);
    },
    FinishHandover(variables?: FinishHandoverMutationVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<FinishHandoverMutation> {
      return withWrapper((wrappedRequestHeaders) => client.request<FinishHandoverMutation>({ document: FinishHandoverDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'FinishHandover', 'mutation', variables);
    },
    Me(variables?: MeQueryVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<MeQuery> {
      return withWrapper((wrappedRequestHeaders) => client.request<MeQuery>({ document: MeDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'Me', 'query', variables);
    }
  };
}
export type Sdk = ReturnType<typeof getSdk>;