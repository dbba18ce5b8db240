import type { Part, Passage, Plan, Section } from '../content/plan-schema.js';

/** A part or section node with the plan it belongs to, for structural answers. */
export interface HeadingNode {
  id: string;
  kind: 'part' | 'section';
  plan: Plan;
  part: Part;
  section?: Section;
  title: string;
  heading: string;
  path: string[];
}

/** All loaded plans with lookups by id, box number, part and heading; the structural half of the matcher. */
export class Library {
  readonly plans: Plan[];
  readonly passages: Passage[];
  private readonly byId = new Map<string, Passage>();
  private readonly nodes = new Map<string, HeadingNode>();
  private readonly children = new Map<string, Passage[]>();

  constructor(plans: Plan[]) {
    this.plans = plans;
    this.passages = plans.flatMap((p) => p.passages);
    for (const x of this.passages) {
      this.byId.set(x.id, x);
      if (x.parentId) {
        const list = this.children.get(x.parentId) ?? [];
        list.push(x);
        this.children.set(x.parentId, list);
      }
    }
    for (const plan of plans) {
      for (const part of plan.parts) {
        if (part.n === 0) continue;
        const pid = `${plan.meta.id}:p${part.n}`;
        this.nodes.set(pid, { id: pid, kind: 'part', plan, part, title: part.title, heading: part.heading, path: [] });
        for (const section of part.sections) {
          const sid = `${pid}.s${section.n}`;
          this.nodes.set(sid, { id: sid, kind: 'section', plan, part, section, title: section.title, heading: section.heading, path: [part.heading] });
        }
      }
    }
  }

  /** A passage by its stable id. */
  passage(id: string): Passage | undefined {
    return this.byId.get(id);
  }

  /** A part or section by its stable id (planId:p5 or planId:p5.s3). */
  node(id: string): HeadingNode | undefined {
    return this.nodes.get(id);
  }

  /** All part and section nodes, in document order. */
  allNodes(): HeadingNode[] {
    return [...this.nodes.values()];
  }

  /** The items of a box, in order. */
  itemsOf(boxId: string): Passage[] {
    return this.children.get(boxId) ?? [];
  }

  /** 专栏 N: the first plan that has it. */
  box(n: number): Passage | undefined {
    return this.passages.find((x) => x.kind === 'box' && x.box === n);
  }

  /** 第N部分 of the first plan that has it. */
  part(n: number): HeadingNode | undefined {
    for (const plan of this.plans) {
      const node = this.nodes.get(`${plan.meta.id}:p${n}`);
      if (node) return node;
    }
    return undefined;
  }

  /** The passages directly under a part or section node (a part's own, then each section's), in order. */
  passagesUnder(node: HeadingNode): Passage[] {
    const ids = node.section ? node.section.passageIds : [...node.part.passageIds, ...node.part.sections.flatMap((s) => s.passageIds)];
    return ids.map((id) => this.byId.get(id)).filter((x): x is Passage => Boolean(x));
  }

  /** The boxes located in a given part and section. */
  boxesIn(planId: string, part: number, section?: number): Passage[] {
    return this.passages.filter((x) => x.kind === 'box' && x.planId === planId && x.part === part && x.section === section);
  }
}
