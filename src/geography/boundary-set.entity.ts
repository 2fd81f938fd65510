import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One published version of a boundary layer (for example the ONS 2013 wards). Wards and
 * LSOAs name the set they come from, so later boundary versions can sit beside this one.
 */
@Entity({ name: 'boundary_set' })
@Check('CHK_boundary_set_kind', `"kind" IN ('ward', 'lsoa')`)
export class BoundarySetEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'integer' })
  vintage!: number;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  licence!: string;

  @CreateDateColumn({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt!: Date;
}
