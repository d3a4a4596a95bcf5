// Item types (commodity / software / technology) from EAR and Annex I product groups and
// from the free-text scope labels exemption records use.
import type { ItemType } from '../generated/prisma/client.js';

/** The stored enum's values (the Prisma schema is their one source). */
export type ItemTypeValue = ItemType;

const BY_PRODUCT_GROUP: Record<string, ItemTypeValue> = {
  A: 'COMMODITY', // end items, equipment, accessories, attachments, parts, components, systems
  B: 'COMMODITY', // test, inspection and production equipment
  C: 'COMMODITY', // materials
  D: 'SOFTWARE',
  E: 'TECHNOLOGY',
};

export function itemTypeFromProductGroup(letter: string | null | undefined): ItemTypeValue | null {
  if (!letter) return null;
  return BY_PRODUCT_GROUP[letter.toUpperCase()] ?? null;
}

/** Product group letter of an ECCN-style code: the character after the category digit ("6A003" -> "A"). */
export function productGroupFromCode(code: string): string | null {
  const match = /^\d([A-E])\d{3}/.exec(code);
  return match?.[1] ?? null;
}

export function itemTypeFromCode(code: string): ItemTypeValue | null {
  return itemTypeFromProductGroup(productGroupFromCode(code));
}

/**
 * One scope label of an exemption ("technology", "software (encryption source code)",
 * "commodities (radar)", "goods") -> item type; null when the label names none of them.
 */
export function itemTypeFromScopeLabel(label: string): ItemTypeValue | null {
  const text = label.trim().toLowerCase();
  if (text.startsWith('technology')) return 'TECHNOLOGY';
  if (text.startsWith('software')) return 'SOFTWARE';
  if (text.startsWith('goods') || text.startsWith('commodities') || text.startsWith('commodity')) return 'COMMODITY';
  return null;
}

/** Distinct item types of a list of scope labels, in enum order; unknown labels are returned separately. */
export function itemTypesFromScopeLabels(labels: readonly string[]): {
  itemTypes: ItemTypeValue[];
  unmapped: string[];
} {
  const found = new Set<ItemTypeValue>();
  const unmapped: string[] = [];
  for (const label of labels) {
    const type = itemTypeFromScopeLabel(label);
    if (type) found.add(type);
    else unmapped.push(label);
  }
  const order: ItemTypeValue[] = ['COMMODITY', 'SOFTWARE', 'TECHNOLOGY'];
  return { itemTypes: order.filter((type) => found.has(type)), unmapped };
}
