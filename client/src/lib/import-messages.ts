/**
 * The import report's problems in the user's language. The server words them in English (like every API
 * problem, from the collection's JSON Schema and PostGIS); the common ones are recognised here and said in
 * Vietnamese, numbers and names kept. Anything else is shown as the server sent it.
 */
type Rule = [RegExp, (m: RegExpExecArray) => string];

const TYPES: Record<string, string> = { number: 'số', integer: 'số nguyên', string: 'chuỗi ký tự', boolean: 'đúng/sai', array: 'danh sách', object: 'đối tượng' };

const VI_RULES: Rule[] = [
  [/^is required$/, () => 'bắt buộc nhưng để trống'],
  [/^must be (<=|>=|<|>) (-?[\d.]+)$/, (m) => `phải ${{ '<=': '≤', '>=': '≥', '<': '<', '>': '>' }[m[1]]} ${m[2]}`],
  [/^must be one of (.+)$/, (m) => `phải là một trong: ${m[1]}`],
  [/^must be ([a-z]+)(?:,null)?$/, (m) => `phải là ${TYPES[m[1]] ?? m[1]}`],
  [/^must NOT have more than (\d+) characters$/, (m) => `dài quá ${m[1]} ký tự`],
  [/^must match format "uuid"$/, () => 'phải là mã uuid'],
  [/^the feature has no geometry$/, () => 'không có hình học'],
  [/^is invalid: (.+?)( at \[[^\]]+\])?; the ST_MakeValid repair can fix it.*$/, (m) => `không hợp lệ (${m[1]}${m[2] ?? ''}); có thể sửa bằng ST_MakeValid (xem bảng sửa)`],
  [/^is invalid: (.+?)( at \[[^\]]+\])?(, and the repair leaves no area.*)?$/, (m) => `không hợp lệ (${m[1]}${m[2] ?? ''})${m[3] ? '; sửa không còn lại vùng nào, hãy sửa trong tệp gốc' : ''}`],
  [/^lies outside the planning area .*its centre is at (lon [\d.-]+, lat [\d.-]+).*$/, (m) => `nằm ngoài vùng quy hoạch Đà Nẵng (tâm tại ${m[1]}): kiểm tra hệ tọa độ và thứ tự trục`],
  [/^position \[(.+)\] is outside the valid range of (.+?);.*$/, (m) => `tọa độ [${m[1]}] nằm ngoài miền giá trị của ${m[2]}: kiểm tra hệ tọa độ và thứ tự trục`],
  [/^is ([A-Za-z]+), but (\w+) holds (.+)$/, (m) => `là ${m[1]}, nhưng lớp ${m[2]} chứa ${m[3]}`],
  [/^(lon|lat|X|Y) "(.*)" is not a number$/, (m) => `${m[1]} "${m[2]}" không phải là số`],
];

/** A report problem in `locale` (Vietnamese translated where recognised; English as sent). */
export function problemText(problem: string, locale: string): string {
  if (locale !== 'vi') return problem;
  for (const [pattern, say] of VI_RULES) {
    const m = pattern.exec(problem);
    if (m) return say(m);
  }
  return problem;
}
