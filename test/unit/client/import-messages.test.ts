import { describe, expect, it } from 'vitest';
import { problemText } from '../../../client/src/lib/import-messages';

describe('report problems in Vietnamese', () => {
  it('schema_messages_are_translated_with_their_numbers_and_names', () => {
    expect(problemText('must be <= 200', 'vi')).toBe('phải ≤ 200');
    expect(problemText('is required', 'vi')).toBe('bắt buộc nhưng để trống');
    expect(problemText('must be one of H.264, H.265, MJPEG', 'vi')).toBe('phải là một trong: H.264, H.265, MJPEG');
    expect(problemText('must be number,null', 'vi')).toBe('phải là số');
  });

  it('geometry_messages_keep_the_place', () => {
    expect(problemText('is invalid: Self-intersection at [550910, 1776430]; the ST_MakeValid repair can fix it (see the repairs)', 'vi'))
      .toBe('không hợp lệ (Self-intersection at [550910, 1776430]); có thể sửa bằng ST_MakeValid (xem bảng sửa)');
    expect(problemText('lies outside the planning area (Đà Nẵng: longitude 107–109, latitude 14.8–16.6); its centre is at lon 105.41230, lat 16.04000: check the CRS and the axis order', 'vi'))
      .toBe('nằm ngoài vùng quy hoạch Đà Nẵng (tâm tại lon 105.41230, lat 16.04000): kiểm tra hệ tọa độ và thứ tự trục');
  });

  it('english_and_unknown_messages_stay_as_the_server_sent_them', () => {
    expect(problemText('must be <= 200', 'en')).toBe('must be <= 200');
    expect(problemText('something new', 'vi')).toBe('something new');
  });
});
