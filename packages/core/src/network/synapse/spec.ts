/** A synapse model as data: what happens at each synaptic event (Brian2's `on_pre`), as statements. */

export interface SynapseVariableSpec {
  unit?: string;
  description?: string;
  /**
   * Value where a connection gives none: a number, or an expression of `i` (source index), `j` (target
   * index), `rand()` and `randn()` evaluated per synapse.
   */
  initial?: number | string;
}

/** A synapse model as data: its per-synapse variables and the `onPre` statements run for each event. */
export interface SynapseSpec {
  /** Shown in messages and descriptions. */
  name?: string;
  description?: string;
  /** The per-synapse variables; without this field a synapse has one, `w`. */
  variables?: Record<string, SynapseVariableSpec>;
  /**
   * Statements run in order for each event, `name op expression` with op one of `=`, `+=`, `-=`, `*=`, `/=`;
   * separated by newlines or `;`, or given as a list. A name is a synapse variable or a number state variable
   * of the target neuron, written plainly (`ge`) or with Brian2's suffix (`ge_post`); expressions may also
   * read `t` (ms).
   */
  onPre: string | readonly string[];
}

/** What a synapse program may touch in the population it connects to. */
export interface SynapseTarget {
  /** The target model's name, for messages. */
  readonly model: string;
  readonly state: readonly { readonly name: string; readonly type: 'number' | 'boolean' }[];
  readonly parameters: readonly string[];
}

/** The variables of a synapse that declares none. */
export const DEFAULT_SYNAPSE_VARIABLES: Readonly<Record<string, SynapseVariableSpec>> = Object.freeze({
  w: Object.freeze({}),
});
